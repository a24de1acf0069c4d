#!/usr/bin/env bash
# The README's registry example: a body registered, its certificate from issue to revocation, the
# public search, export and notifications.
# Usage: HUB=http://127.0.0.1:8080 SECRET=<admin secret> bash tests/examples/certificate-lifecycle.sh (needs curl and jq).
set -euo pipefail
HUB=${HUB:-http://127.0.0.1:8080}
token() { curl -s -u "$1:$2" -d grant_type=client_credentials $HUB/api/v1/auth/token | jq -r .access_token; }
call() { local who=$1 method=$2 path=$3; shift 3
  curl -s -X "$method" -H "Authorization: Bearer $who" -H 'Content-Type: application/json' "$@" "$HUB$path"; }
ADMIN=$(token admin "$SECRET")

# The business behind the laboratory, and a standard its scope cites.
call $ADMIN PUT /api/v1/businesses/by-tax-code/0200123457 \
  -d '{"name":"Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng Hải Phòng","sharing":"public"}' >/dev/null
call $ADMIN POST /api/v1/standards -d '{"designation":"TCVN 6260:2020","title_vi":"Xi măng poóc lăng hỗn hợp"}' >/dev/null

# 1. DOST registers the body: a testing laboratory with a laboratory in Hà Nội (province 01).
BODY=$(call $ADMIN PUT /api/v1/conformity-bodies/by-tax-code/0200123457 -d '{
  "activities":["testing"],"fields":["vật liệu xây dựng"],
  "accreditation":{"accreditation_body":"BoA","number":"VILAS 1234","standard":"ISO/IEC 17025","valid_until":"2030-12-31","status":"active"},
  "sites":[{"kind":"laboratory","name":"Phòng thử nghiệm Hà Nội","province_code":"01"}],
  "contact":{"person":"Trần Thị B","phone":"0225383838"}}' | jq -r .id)

# 2. Its registration certificate: issued, then supplemented, suspended, restored, revoked.
CERT=$(call $ADMIN POST /api/v1/conformity-bodies/$BODY/certificates -d '{
  "number":"15/2024/GCN","activity":"testing","valid_until":"2029-03-14",
  "decision":{"number":"15/2024/QĐ-SKHCN","date":"2024-03-15"},"dossier_ref":"000.00.17.H31-240301-0012",
  "scope":[{"field":"vật liệu xây dựng","products":["xi măng"],"standards":["TCVN 6260:2020"]}]}' | jq -r .id)
curl -s "$HUB/api/v1/conformity-bodies?activity=testing&province=01&standard=TCVN%206260%3A2020" \
  | jq -c '[.items[] | {tax_code, name, contact, certificates: [.certificates[] | {number, status}]}]'   # public, no contact
act() { call $ADMIN POST /api/v1/certificates/$CERT/transitions -d "$1" | jq -r '"\(.certificate.current_version // "-") \(.certificate.status // .code)"'; }
act '{"action":"supplement","decision":{"number":"20/QĐ-SKHCN","date":"2024-09-01"},
      "scope":[{"field":"vật liệu xây dựng","products":["cốt liệu"],"test_methods":["Xác định độ ẩm"]}]}'
act '{"action":"suspend","reason":"Vi phạm quy trình thử nghiệm.","decision":{"number":"51/QĐ-SKHCN","date":"2025-06-01"}}'
act '{"action":"restore","decision":{"number":"60/QĐ-SKHCN","date":"2025-08-01"}}'
act '{"action":"revoke","reason":"Giả mạo kết quả thử nghiệm.","decision":{"number":"77/QĐ-SKHCN","date":"2025-10-01"}}'
act '{"action":"restore","decision":{"number":"80/QĐ-SKHCN","date":"2025-11-01"}}'     # illegal_transition

# 3. Anyone reads the chain and the scope on a past day, and exports the registry; Hà Nội was told.
curl -s "$HUB/api/v1/certificates/$CERT/versions" | jq -r '.items[] | "v\(.version_no) \(.action) → \(.status) (after v\(.predecessor_version_no // "-"))"'
curl -s "$HUB/api/v1/certificates/$CERT/scope?on=2024-06-01" | jq -c '[.version.version_no, [.version.scope[].products[]]]'
curl -s "$HUB/api/v1/conformity-bodies/export" | head -2
curl -s "$HUB/api/v1/province-notifications?province=01" | jq -r '[.items[].action] | join(", ")'
