#!/usr/bin/env bash
# Fetch the front-end libraries used by `marsad serve` from the npm registry and copy
# the files the web UI needs (plus their licences) into marsad/web/static/vendor/.
# Run once by a developer; the results are committed so nothing is fetched at run time.
#
#   bash scripts/vendor_web.sh
#
# Needs: npm (registry access), node. Pinned versions below.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$ROOT/marsad/web/static/vendor"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

PKGS=(
  "d3-array@3.2.4"        # ISC  - dependency of d3-geo (UMD build expects global d3)
  "d3-geo@3.1.1"          # ISC  - projections + SVG path generator
  "topojson-client@3.1.0" # ISC  - TopoJSON -> GeoJSON
  "world-atlas@2.0.2"     # ISC  - Natural Earth 1:110m country outlines (public domain data)
)

cd "$WORK"
for spec in "${PKGS[@]}"; do
  npm pack --silent "$spec" >/dev/null
done
for tgz in *.tgz; do
  name="${tgz%-*.tgz}"
  mkdir -p "x/$name"
  tar -xzf "$tgz" -C "x/$name" --strip-components=1
done

rm -rf "$DEST"
mkdir -p "$DEST"
copy() { # copy SRC DSTNAME
  install -m 0644 "$WORK/x/$1" "$DEST/$2"
}
copy d3-array/dist/d3-array.min.js          d3-array.min.js
copy d3-array/LICENSE                        LICENSE.d3-array
copy d3-geo/dist/d3-geo.min.js              d3-geo.min.js
copy d3-geo/LICENSE                          LICENSE.d3-geo
copy topojson-client/dist/topojson-client.min.js topojson-client.min.js
copy topojson-client/LICENSE                 LICENSE.topojson-client
copy world-atlas/countries-110m.json         countries-110m.json
copy world-atlas/LICENSE                     LICENSE.world-atlas

{
  echo "Vendored front-end files for marsad/web (fetched by scripts/vendor_web.sh from the npm registry)."
  echo
  for tgz in "$WORK"/*.tgz; do
    n="$(basename "$tgz" .tgz)"
    lic="$(node -e 'const p=require(process.argv[1]);console.log(p.license||"")' "$WORK/x/${n%-*}/package.json")"
    sum="$(sha256sum "$tgz" | cut -d' ' -f1)"
    echo "- $n  licence: $lic  tarball sha256: $sum"
  done
  echo
  echo "world-atlas countries-110m.json is derived from Natural Earth (public domain)."
} > "$DEST/README.txt"

ls -l "$DEST"
