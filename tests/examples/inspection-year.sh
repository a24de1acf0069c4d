#!/usr/bin/env bash
# The README's inspections example: two agencies' plans meet on one business, the inspectorate
# merges them into a joint inspection, which finds a violation; the sanction becomes final and is
# disclosed to the public; an e-commerce inspection runs alongside.
# Usage: HUB=http://127.0.0.1:8080 SECRET=<admin secret> bash tests/examples/inspection-year.sh (needs curl and jq).
set -euo pipefail
HUB=${HUB:-http://127.0.0.1:8080}
token() { curl -s -u "$1:$2" -d grant_type=client_credentials $HUB/api/v1/auth/token | jq -r .access_token; }
call() { local who=$1 method=$2 path=$3; shift 3
  curl -s -X "$method" -H "Authorization: Bearer $who" -H 'Content-Type: application/json' "$@" "$HUB$path"; }
ADMIN=$(token admin "$SECRET")   # DOST's administrator
agency() { # code, kind → a token for the agency's system
  call $ADMIN POST /api/v1/agencies -d "{\"code\":\"$1\",\"name_vi\":\"$1\",\"kind\":\"$2\"}" >/dev/null
  local secret; secret=$(call $ADMIN POST /api/v1/clients \
    -d "{\"client_id\":\"${1,,}-sys\",\"name\":\"$1\",\"agency_code\":\"$1\",\"roles\":[\"agency_officer\"]}" | jq -r .client_secret)
  token "${1,,}-sys" "$secret"; }
SCT=$(agency SCT department); SYT=$(agency SYT department); TTTP=$(agency TTTP inspectorate)
call $ADMIN PUT /api/v1/businesses/by-tax-code/0200987658 -d '{"name":"Công ty TNHH Mũ bảo hiểm Hải Phòng","sharing":"public"}' >/dev/null
call $ADMIN PUT /api/v1/legal-provisions/by-code/ND119-D17-K1 -d '{"decree":"119/2017/NĐ-CP",
  "amended_by":["126/2021/NĐ-CP"],"article":"Điều 17 khoản 1","title":"Vi phạm chất lượng hàng hóa lưu thông",
  "fine_min_vnd":1000000,"fine_max_vnd":3000000,"effective_from":"2017-12-15","effective_to":"2026-06-30"}' >/dev/null

# 1. Two agencies plan the same business in March; the second submission opens an overlap case.
plan() { call $1 POST /api/v1/inspection-plans -d "{\"year\":2026,\"title\":\"Kế hoạch kiểm tra năm 2026\",
  \"legal_basis\":\"Luật Chất lượng sản phẩm, hàng hóa 2007\",\"items\":[{\"tax_code\":\"0200987658\",\"kind\":\"$2\",
  \"period_from\":\"$3\",\"period_to\":\"$4\"}]}" | jq -r .id; }
move() { call $1 POST /api/v1/inspection-plans/$2/transitions -d "$3"; }
P1=$(plan $SCT circulation 2026-03-01 2026-03-31); P2=$(plan $SYT label 2026-03-10 2026-03-20)
move $SCT $P1 '{"action":"submit"}' >/dev/null
CASE=$(move $SYT $P2 '{"action":"submit"}' | jq -r '.plan.open_overlaps[0]')
move $TTTP $P1 '{"action":"review"}' >/dev/null
move $SCT $P1 '{"action":"approve","decision":{"number":"12/QĐ-SCT","date":"2026-01-20"}}' | jq -r .code   # unresolved_overlap
call $TTTP POST /api/v1/inspection-overlaps/$CASE/resolution -d '{"resolution":"joint","joint_lead":"SCT"}' | jq -r '"overlap \(.resolution) led by \(.joint_lead)"'
move $SCT $P1 '{"action":"approve","decision":{"number":"12/QĐ-SCT","date":"2026-01-20"}}' | jq -r '"plan \(.plan.state)"'

# 2. The joint inspection: SYT is a member; a sample fails; the conclusion is shared with every agency.
INS=$(call $SCT POST /api/v1/inspections -d "{\"kind\":\"circulation\",\"origin\":\"request\",\"trigger_ref\":\"Thanh tra: liên ngành\",
  \"overlap_id\":\"$CASE\",\"tax_code\":\"0200987658\",\"decision\":{\"number\":\"45/QĐ-KT\",\"date\":\"2026-03-01\"},
  \"period_from\":\"2026-03-10\",\"period_to\":\"2026-03-12\"}" | jq -r .id)
step() { call $SCT POST /api/v1/inspections/$INS/transitions -d "$1" | jq -r '"inspection \(.inspection.state // .code) \(.inspection.sharing // "")"'; }
step '{"action":"start"}'
step '{"action":"record_findings","samples":[{"code":"M1","product":"Mũ bảo hiểm nửa đầu","taken_on":"2026-03-10",
       "tested_against":"QCVN 2:2021/BKHCN","result":"non_conforming"}]}'
step '{"action":"conclude","conclusion":{"concluded_on":"2026-03-20","outcome":"violations_found","summary":"Mẫu M1 không đạt"}}'

# 3. The violation: sanctioned within the provision's fines (an organisation's are twice), final, disclosed.
VIO=$(call $SCT POST /api/v1/violations -d "{\"inspection_id\":\"$INS\",\"tax_code\":\"0200987658\",\"offender\":\"organisation\",
  \"committed_on\":\"2026-03-10\",\"description\":\"Kinh doanh mũ bảo hiểm không đạt QCVN 2:2021/BKHCN\",
  \"provision_code\":\"ND119-D17-K1\"}" | jq -r .id)
vmove() { call $SCT POST /api/v1/violations/$VIO/transitions -d "$1" | jq -r '"violation \(.violation.state // .code)"'; }
vmove '{"action":"sanction","sanction":{"decision":{"number":"7/QĐ-XPHC","date":"2026-04-01"},"authority":"Chánh Thanh tra Sở Công Thương","fine_vnd":1500000}}'
vmove '{"action":"sanction","sanction":{"decision":{"number":"7/QĐ-XPHC","date":"2026-04-01"},"authority":"Chánh Thanh tra Sở Công Thương","fine_vnd":4000000}}'
vmove '{"action":"become_final","final_on":"2026-04-15"}'
call $SCT POST /api/v1/violations/$VIO/disclosure -d '{}' >/dev/null
curl -s $HUB/api/v1/disclosures | jq -r '.items[] | "public: \(.business_name), \(.article), \(.fine_vnd) VND"'

# 4. An e-commerce inspection after a complaint names the shop.
call $SCT POST /api/v1/inspections -d '{"kind":"e_commerce","origin":"complaint","trigger_ref":"PA-2026-0113",
  "e_commerce":{"platform":"Shopee","shop_id":"mubh.chinhhang"},"decision":{"number":"50/QĐ-KT","date":"2026-04-01"},
  "period_from":"2026-04-02","period_to":"2026-04-03"}' | jq -r '"e-commerce inspection of \(.e_commerce.platform) shop \(.e_commerce.shop_id): \(.state)"'
