#!/usr/bin/env bash
# The README's import example: a CSV of businesses (one with a wrong check digit, one row short of
# a cell) sent as an import job, followed until it ends, and its error report read.
# Usage: HUB=http://127.0.0.1:8080 SECRET=<admin secret> bash tests/examples/import-file.sh (needs curl and jq).
set -euo pipefail
HUB=${HUB:-http://127.0.0.1:8080}
TOKEN=$(curl -s -u "admin:$SECRET" -d grant_type=client_credentials $HUB/api/v1/auth/token | jq -r .access_token)
file=$(mktemp --suffix=.csv)
trap 'rm -f "$file"' EXIT
cat > "$file" <<'CSV'
tax_code,name,sectors,historical
0100233488,"Công ty TNHH Thủy sản Cát Hải, Hải Phòng",aquaculture|food,false
0100233487,Công ty sai số kiểm tra,food,false
0100000042,Công ty thiếu ô
0100000067,Cửa hàng Bé Xinh,,false
CSV
location=$(curl -s -D - -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: text/csv' \
  --data-binary @"$file" "$HUB/api/v1/import-jobs?resource=businesses&file_name=businesses.csv" \
  | tr -d '\r' | sed -n 's/^[Ll]ocation: //p')
for _ in $(seq 1 100); do
  job=$(curl -s -H "Authorization: Bearer $TOKEN" "$HUB$location")
  case $(jq -r .status <<<"$job") in queued|running) sleep 0.2 ;; *) break ;; esac
done
jq -r '"job \(.status): \(.received) rows, \(.accepted) accepted, \(.rejected) rejected"' <<<"$job"
curl -s -H "Authorization: Bearer $TOKEN" "$HUB$location/errors?format=csv"
curl -s -H "Authorization: Bearer $TOKEN" "$HUB/api/v1/businesses/by-tax-code/0100233488" | jq -r '"stored: \(.name) \(.sectors | join(","))"'
