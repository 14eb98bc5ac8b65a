#!/usr/bin/env bash
# Two app processes behind nginx on 127.0.0.1:PORT, as in production; SIGTERM (or Ctrl-C) stops all three.
#   bash deploy/run-local.sh 8080        # then open http://127.0.0.1:8080
# The replicas listen on two free loopback ports; their pids and ports are written to $RUN/replicas
# ("pid port" per line, RUN is printed at start). STORY=path picks another story file, as for the app.
#   APP_PATH=/newsroom/map/            the app under a path prefix (Streamlit's server.baseUrlPath); default /
#   SITE=site/ SITE_PATH=/bakhmut/     also serve a published site (python -m mapstory publish) at that path
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${1:?usage: bash deploy/run-local.sh PORT}"
PY=python3; [ -x .venv/bin/python ] && PY=.venv/bin/python
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
[ -x "$NGINX" ] || { echo "nginx not found: apt-get install nginx" >&2; exit 1; }

APP_PATH="${APP_PATH:-/}"
SITE_PATH="${SITE_PATH:-/site/}"
for p in "$APP_PATH" "$SITE_PATH"; do
  [[ "$p" =~ ^/([A-Za-z0-9._-]+/)*$ ]] || {
    echo "APP_PATH and SITE_PATH: '$p' is not a path like /news/2023/bakhmut/ (starts and ends with /)" >&2; exit 2; }
done
if [ -n "${SITE:-}" ]; then
  [ -f "$SITE/index.html" ] || { echo "SITE=$SITE: no index.html there — give a folder python -m mapstory publish wrote" >&2; exit 2; }
  SITE="$(cd "$SITE" && pwd)"
  [[ "$SITE" != *[\|\&\"]* ]] || { echo "SITE=$SITE: move the site to a path without | & or \"" >&2; exit 2; }
fi
BASE_URL_PATH="${APP_PATH#/}"; BASE_URL_PATH="${BASE_URL_PATH%/}"  # Streamlit's form: newsroom/map

RUN="$(mktemp -d "${TMPDIR:-/tmp}/map-story-deploy.XXXXXX")"
chmod 755 "$RUN"  # nginx's workers drop root privileges and must still reach their temp paths
PIDS=()
stop() {
  trap - TERM INT EXIT
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$RUN"
}
trap 'stop; exit 0' TERM INT
trap stop EXIT

free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
APP1=$(free_port); APP2=$(free_port)
while [ "$APP2" = "$APP1" ]; do APP2=$(free_port); done

echo "run dir: $RUN"
for APP in "$APP1" "$APP2"; do
  "$PY" -m streamlit run streamlit_app.py --server.port "$APP" --server.address 127.0.0.1 \
    --server.headless true --browser.gatherUsageStats false --server.fileWatcherType none \
    --server.baseUrlPath "$BASE_URL_PATH" &
  PIDS+=($!)
  echo "$! $APP" >>"$RUN/replicas"
done
: >"$RUN/site.conf"
if [ -n "${SITE:-}" ]; then
  BARE="${SITE_PATH%/}"; DROP=""; [ -z "$BARE" ] && DROP="/@SITE_BARE@/d"  # at / there is nothing to redirect
  sed -e "$DROP" -e "s|@SITE@|$SITE|g" -e "s|@SITE_PATH@|$SITE_PATH|g" -e "s|@SITE_BARE@|$BARE|g" \
    deploy/site.conf >"$RUN/site.conf"
fi
sed -e "s|@RUN@|$RUN|g" -e "s|@PORT@|$PORT|g" -e "s|@APP1@|$APP1|g" -e "s|@APP2@|$APP2|g" \
  -e "s|@APP_PATH@|$APP_PATH|g" deploy/nginx.conf >"$RUN/nginx.conf"
"$NGINX" -p "$RUN" -c "$RUN/nginx.conf" -g 'daemon off;' &
NGINX_PID=$!
PIDS+=("$NGINX_PID")
echo "serving http://127.0.0.1:$PORT$APP_PATH (replicas on $APP1 and $APP2)"
if [ -n "${SITE:-}" ]; then echo "and the site $SITE at http://127.0.0.1:$PORT$SITE_PATH"; fi
# A replica that dies is survivable (nginx sends its readers to the other; a supervisor such as systemd would
# restart it); nginx dying is not: then stop the replicas too.
wait "$NGINX_PID" || true
echo "nginx stopped: stopping the replicas" >&2
