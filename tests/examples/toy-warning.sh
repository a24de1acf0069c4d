#!/usr/bin/env bash
# The README's warnings example: the consumer association's test finds phthalates in a lot of
# plush toys; the warning is verified and published (public, in the Atom feed), its recall scope
# lists the shops the lot was shipped to, a follow-up is recorded, measures start and it is resolved.
# Usage: HUB=http://127.0.0.1:8080 SECRET=<admin secret> bash tests/examples/toy-warning.sh (needs curl and jq).
set -euo pipefail
HUB=${HUB:-http://127.0.0.1:8080}
TOKEN=$(curl -s -u "admin:$SECRET" -d grant_type=client_credentials $HUB/api/v1/auth/token | jq -r .access_token)
call() { local method=$1 path=$2; shift 2
  curl -s -X "$method" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' "$@" "$HUB$path"; }
for business in '0100000042 Công ty Đồ chơi Vui' '0100000067 Cửa hàng Bé Xinh' '0100000074 Nhà sách Tiền Phong'; do
  call PUT "/api/v1/businesses/by-tax-code/${business%% *}" -d "{\"name\":\"${business#* }\"}" >/dev/null
done

# 1. The supply chain, as the businesses' systems report it: lot L2409 made, shipped to two shops.
call POST /api/v1/traceability/locations/batch -d '[
  {"gln": "8934567891004", "tax_code": "0100000042", "name": "Xưởng đồ chơi Vui", "kind": "plant"},
  {"gln": "8934567891028", "tax_code": "0100000067", "name": "Cửa hàng Bé Xinh", "kind": "shop"},
  {"gln": "8934567891035", "tax_code": "0100000074", "name": "Nhà sách Tiền Phong", "kind": "shop"}]' >/dev/null
curl -s -X POST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/ld+json' \
  --data-binary @- $HUB/epcis/v2/capture <<'JSON' >/dev/null
{"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"], "type": "EPCISDocument",
 "schemaVersion": "2.0", "creationDate": "2026-09-04T08:00:00+07:00", "epcisBody": {"eventList": [
 {"type": "ObjectEvent", "eventTime": "2026-09-01T08:00:00+07:00", "eventTimeZoneOffset": "+07:00", "action": "ADD", "bizStep": "commissioning",
  "bizLocation": {"id": "https://id.gs1.org/414/8934567891004"},
  "quantityList": [{"epcClass": "https://id.gs1.org/01/08934567800129/10/L2409", "quantity": 500}]},
 {"type": "ObjectEvent", "eventTime": "2026-09-02T08:00:00+07:00", "eventTimeZoneOffset": "+07:00", "action": "OBSERVE", "bizStep": "shipping",
  "bizLocation": {"id": "https://id.gs1.org/414/8934567891004"},
  "destinationList": [{"type": "location", "destination": "https://id.gs1.org/414/8934567891028"}],
  "quantityList": [{"epcClass": "https://id.gs1.org/01/08934567800129/10/L2409", "quantity": 200}]},
 {"type": "ObjectEvent", "eventTime": "2026-09-02T09:00:00+07:00", "eventTimeZoneOffset": "+07:00", "action": "OBSERVE", "bizStep": "shipping",
  "bizLocation": {"id": "https://id.gs1.org/414/8934567891004"},
  "destinationList": [{"type": "location", "destination": "https://id.gs1.org/414/8934567891035"}],
  "quantityList": [{"epcClass": "https://id.gs1.org/01/08934567800129/10/L2409", "quantity": 100}]},
 {"type": "ObjectEvent", "eventTime": "2026-09-03T15:00:00+07:00", "eventTimeZoneOffset": "+07:00", "action": "OBSERVE", "bizStep": "receiving",
  "bizLocation": {"id": "https://id.gs1.org/414/8934567891028"},
  "quantityList": [{"epcClass": "https://id.gs1.org/01/08934567800129/10/L2409", "quantity": 200}]}]}}
JSON

# 2. The consumer association's early warning, with its test report.
ID=$(call POST /api/v1/warnings -d '{
  "title": "Gấu bông chứa phthalate vượt giới hạn",
  "product": {"name": "Gấu bông Teddy 30 cm", "brand": "ToyVui", "gtin": "8934567800129", "lots": ["L2409"]},
  "hazards": ["health"], "risk_level": "serious",
  "hazard_description": "DEHP 0,8 % khối lượng, vượt giới hạn 0,1 % của QCVN 3:2019/BKHCN",
  "source": {"kind": "consumer_association", "reference": "CB-07/2026", "test_report": "PKN-2026/118"}}' | jq -r .id)
echo "warning $(call GET /api/v1/warnings/$ID | jq -r .state)"

# 3. Verified and published: from now on public, without a token, and in the Atom feed.
call POST /api/v1/warnings/$ID/transitions -d '{"action": "verify"}' >/dev/null
call POST /api/v1/warnings/$ID/transitions -d '{"action": "publish"}' | jq -r '"warning \(.warning.state), \(.warning.sharing)"'
curl -s $HUB/api/v1/warnings/feed.atom | grep -c "<entry>" | sed 's/^/atom entries: /'

# 4. Who holds the lot? The recall scope, from the captured events.
call GET /api/v1/warnings/$ID/recall-scope \
  | jq -r '"recall scope: \([.lots[0].holders[] | "\(.registered.name)\(if .destination_only then " (sent, not yet received)" else "" end)"] | join("; "))"'

# 5. A follow-up, the measures, the resolution, and the period's figure.
call POST /api/v1/warnings/$ID/reactions -d '{"outlets_checked": 12, "outlets_found": 2, "quantity_withdrawn": 41, "unit": "chiếc",
  "measure": "withdrawn", "note": "Tìm thấy tại 2 cửa hàng, đã thu hồi 41 sản phẩm"}' | jq -r '"reaction: \(.measure) \(.quantity_withdrawn) \(.unit)"'
call POST /api/v1/warnings/$ID/transitions -d '{"action": "start_measures", "measures": [{"kind": "withdrawal",
  "nature": "compulsory", "deadline": "2026-09-20", "description": "Thu hồi toàn bộ lô L2409"}]}' >/dev/null
call POST /api/v1/warnings/$ID/transitions -d '{"action": "resolve", "resolution": "Đã thu hồi 300 sản phẩm"}' \
  | jq -r '"warning \(.warning.state)"'
TODAY=$(TZ=Asia/Ho_Chi_Minh date +%F)
call GET "/api/v1/warnings/figures?from=$TODAY&to=$TODAY" | jq -r '"resolution rate: \(.resolution_rate) %"'
