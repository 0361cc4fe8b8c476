#!/usr/bin/env bash
# Installs what the tests need beyond Python packages, when it is missing and we may install it:
# Debian's chromium (browser tests) and postgresql (store tests start their own server if none runs).
set -u
need=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || need+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian packages: ${need[*]}"
    (apt-get install -y -q "${need[@]}" >/tmp/marsad-apt.log 2>&1 || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q "${need[@]}" >>/tmp/marsad-apt.log 2>&1; }) \
      || echo "warning: could not install ${need[*]} (see /tmp/marsad-apt.log); dependent tests will skip"
  else
    echo "note: ${need[*]} not installed and not root; dependent tests will skip"
  fi
fi
exit 0
