#!/usr/bin/env bash
# Install what gwdesk needs on this machine: system libraries for Qt (Debian/Ubuntu, when missing)
# and the Python packages. `--test` adds the test tools, `--build` the bundler.
set -euo pipefail
cd "$(dirname "$0")/.."

extras=""
for arg in "$@"; do
  case "$arg" in
    --test) extras="${extras:+$extras,}test" ;;
    --build) extras="${extras:+$extras,}build" ;;
    *) echo "用法：tools/install.sh [--test] [--build]" >&2; exit 2 ;;
  esac
done

# Qt's offscreen and xcb platforms need these shared libraries; install only what is missing.
if command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  want="libegl1 libgl1 libfontconfig1 libxkbcommon0 libglib2.0-0 libdbus-1-3 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-xkb1"
  # the tests read PDFs back with pdffonts and compare pages as images with pdftoppm
  case ",$extras," in *,test,*) want="$want poppler-utils" ;; esac
  missing=""
  for p in $want; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
  done
  if [ -n "$missing" ]; then
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    echo "安装系统库：$missing"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends $missing
  fi
fi

python3 -m pip install -q --disable-pip-version-check -e ".${extras:+[$extras]}"
