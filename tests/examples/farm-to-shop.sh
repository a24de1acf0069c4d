#!/usr/bin/env bash
# The README's traceability example: a lot of longan harvested at a farm, dried at a plant into
# another lot, packed on a pallet and received at a supermarket — traced forward from the farm's
# lot and backward from the shop's, and the farm's lot read as a record.
# Usage: HUB=http://127.0.0.1:8080 SECRET=<admin secret> bash tests/examples/farm-to-shop.sh (needs curl and jq).
set -euo pipefail
HUB=${HUB:-http://127.0.0.1:8080}
TOKEN=$(curl -s -u "admin:$SECRET" -d grant_type=client_credentials $HUB/api/v1/auth/token | jq -r .access_token)
call() { local method=$1 path=$2; shift 2
  curl -s -X "$method" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' "$@" "$HUB$path"; }
for business in '0100000003 HTX Nhãn lồng Hàm Tử' '0100000010 Công ty Chế biến Nông sản Phố Hiến' '0100000028 Siêu thị Hưng Yên'; do
  call PUT "/api/v1/businesses/by-tax-code/${business%% *}" -d "{\"name\":\"${business#* }\"}" >/dev/null
done

# 1. The places, once: each GLN and the business it belongs to.
call POST /api/v1/traceability/locations/batch -d '[
  {"gln": "8934567000017", "tax_code": "0100000003", "name": "Vùng trồng nhãn Hàm Tử", "kind": "farm"},
  {"gln": "8934567000024", "tax_code": "0100000010", "name": "Xưởng sấy Phố Hiến", "kind": "plant"},
  {"gln": "8934567000031", "tax_code": "0100000028", "name": "Siêu thị Hưng Yên", "kind": "shop"}]' \
  | jq -r '"locations: \([.results[].status] | map(tostring) | join(","))"'

# 2. The businesses' systems capture what happened.
curl -s -X POST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/ld+json' \
  --data-binary @- $HUB/epcis/v2/capture <<'JSON' | jq -r '"captured \(.stored) events"'
{"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"], "type": "EPCISDocument",
 "schemaVersion": "2.0", "creationDate": "2026-08-10T08:00:00+07:00", "epcisBody": {"eventList": [
 {"type": "ObjectEvent", "eventTime": "2026-08-01T06:00:00+07:00", "eventTimeZoneOffset": "+07:00", "action": "ADD", "bizStep": "commissioning",
  "bizLocation": {"id": "https://id.gs1.org/414/8934567000017"}, "ilmd": {"cbvmda:bestBeforeDate": "2026-08-20"},
  "quantityList": [{"epcClass": "https://id.gs1.org/01/08934567890120/10/N1", "quantity": 1000, "uom": "KGM"}]},
 {"type": "ObjectEvent", "eventTime": "2026-08-02T07:00:00+07:00", "eventTimeZoneOffset": "+07:00", "action": "OBSERVE", "bizStep": "shipping",
  "bizLocation": {"id": "https://id.gs1.org/414/8934567000017"}, "destinationList": [{"type": "location", "destination": "https://id.gs1.org/414/8934567000024"}],
  "quantityList": [{"epcClass": "https://id.gs1.org/01/08934567890120/10/N1", "quantity": 600, "uom": "KGM"}]},
 {"type": "TransformationEvent", "eventTime": "2026-08-03T08:00:00+07:00", "eventTimeZoneOffset": "+07:00", "bizStep": "commissioning",
  "bizLocation": {"id": "https://id.gs1.org/414/8934567000024"},
  "inputQuantityList": [{"epcClass": "https://id.gs1.org/01/08934567890120/10/N1", "quantity": 600, "uom": "KGM"}],
  "outputQuantityList": [{"epcClass": "https://id.gs1.org/01/08934567890137/10/S1", "quantity": 200, "uom": "KGM"}]},
 {"type": "AggregationEvent", "eventTime": "2026-08-04T08:00:00+07:00", "eventTimeZoneOffset": "+07:00", "action": "ADD", "bizStep": "packing",
  "bizLocation": {"id": "https://id.gs1.org/414/8934567000024"}, "parentID": "https://id.gs1.org/00/089345670000000994",
  "childQuantityList": [{"epcClass": "https://id.gs1.org/01/08934567890137/10/S1", "quantity": 200, "uom": "KGM"}]},
 {"type": "ObjectEvent", "eventTime": "2026-08-05T09:00:00+07:00", "eventTimeZoneOffset": "+07:00", "action": "OBSERVE", "bizStep": "receiving",
  "bizLocation": {"id": "https://id.gs1.org/414/8934567000031"}, "epcList": ["https://id.gs1.org/00/089345670000000994"]}]}}
JSON

# 3. Where did the farm's lot N1 go?
call GET '/api/v1/traceability/trace?gtin=08934567890120&lot=N1&direction=forward' \
  | jq -r '"forward: \([.identifiers[].relation] | join(" → ")); holders \([.holders[] | .registered.kind] | join(", ")); \(.events | length) events"'

# 4. What went into the shop's dried longan, and the farm's lot as a record.
call GET '/api/v1/traceability/trace?epc=urn:epc:class:lgtin:8934567.089013.S1&direction=backward' \
  | jq -r '"backward: \([.identifiers[].relation] | join(" → ")); responsible: \([.holders[] | .responsible_agency] | unique | join(","))"'
call GET /api/v1/traceability/lots/08934567890120/N1 \
  | jq -r '"lot \(.lot): \(.quantity) \(.uom) made \(.produced_at) by \(.producer_tax_code), best before \(.best_before_date)"'
