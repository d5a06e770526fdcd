#!/usr/bin/env bash
# Install what gwdesk needs on this machine: system libraries for Qt (Debian/Ubuntu, when missing) and the
# Python packages, into the project's own virtual environment `.venv` (the system python3 of Debian 12 /
# Ubuntu 24.04 refuses pip installs, PEP 668). `--test` adds the test tools, `--build` the bundler,
# `--fresh` throws an existing .venv away first.
set -euo pipefail
cd "$(dirname "$0")/.."

extras=""
fresh=""
for arg in "$@"; do
  case "$arg" in
    --test) extras="${extras:+$extras,}test" ;;
    --build) extras="${extras:+$extras,}build" ;;
    --fresh) fresh=1 ;;
    *) echo "用法：tools/install.sh [--test] [--build] [--fresh]" >&2; exit 2 ;;
  esac
done

sudo_cmd=""
[ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
apt_updated=""
apt_install() {
  [ -n "$apt_updated" ] || { $sudo_cmd apt-get update -qq; apt_updated=1; }
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "$@"
}

# Qt's offscreen and xcb platforms need these shared libraries; install only what is missing.
if command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  want="libegl1 libgl1 libfontconfig1 libxkbcommon0 libglib2.0-0 libdbus-1-3 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-xkb1"
  # the tests read PDFs back with pdffonts/pdftotext and compare pages as images with pdftoppm
  case ",$extras," in *,test,*) want="$want poppler-utils" ;; esac
  # the 单位共享数据库 tests start their own throwaway PostgreSQL cluster (initdb, pg_ctl, pg_trgm in contrib)
  case ",$extras," in *,test,*) want="$want postgresql postgresql-contrib" ;; esac
  # the bundler strips binaries and tools/slim_icu.py assembles the smaller ICU data library: binutils
  case ",$extras," in *,build,*) want="$want binutils" ;; esac
  missing=""
  for p in $want; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
  done
  if [ -n "$missing" ]; then
    echo "安装系统库：$missing"
    apt_install $missing
  fi
fi

# The project's own environment: .venv beside this checkout, made from the system's python3.
py=python3
command -v "$py" >/dev/null 2>&1 || { echo "找不到 python3（需要 Python 3.11 或更新版本）" >&2; exit 1; }
"$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "需要 Python 3.11 或更新版本：$("$py" --version)" >&2; exit 1; }
[ -n "$fresh" ] && rm -rf .venv
if [ -x .venv/bin/python ] && ! .venv/bin/python -c 'import pip' >/dev/null 2>&1; then
  rm -rf .venv  # a venv left half-made by an interrupted install
fi
if [ ! -x .venv/bin/python ]; then
  if ! "$py" -m venv .venv >/dev/null 2>&1; then
    # Debian/Ubuntu ship venv's pip bootstrap separately (python3.X-venv)
    rm -rf .venv
    if command -v apt-get >/dev/null 2>&1; then
      ver=$("$py" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
      echo "安装 python$ver-venv"
      apt_install "python$ver-venv" || apt_install python3-venv
    fi
    "$py" -m venv .venv
  fi
fi

# exactly the tested versions (constraints.txt), whatever the registry serves today
.venv/bin/python -m pip install -q --disable-pip-version-check -c constraints.txt -e ".${extras:+[$extras]}"
