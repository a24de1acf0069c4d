#!/usr/bin/env bash
# The README's inspections example, a province's year: four agencies' plans, two overlaps the
# inspectorate resolves (a joint inspection, a rescheduling); the joint inspection finds a
# violation, sanctioned, final and disclosed; an e-commerce inspection; a case transferred; a
# laboratory's certificate suspended by a sanction; a violation under the new decree, disclosed.
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
SCT=$(agency SCT department); SYT=$(agency SYT department); SNNMT=$(agency SNNMT department); TTTP=$(agency TTTP inspectorate)
call $ADMIN PUT /api/v1/businesses/by-tax-code/0200987658 -d '{"name":"Công ty TNHH Mũ bảo hiểm Hải Phòng","sharing":"public"}' >/dev/null
call $ADMIN PUT /api/v1/businesses/by-tax-code/0200555552 -d '{"name":"Trung tâm Kỹ thuật TĐC Hải Phòng","sharing":"public"}' >/dev/null
call $ADMIN PUT /api/v1/legal-provisions/by-code/NEW-D17-K1 -d '{"decree":"NĐ-2026","article":"Điều 17 khoản 1",
  "title":"Vi phạm chất lượng hàng hóa lưu thông","fine_min_vnd":2000000,"fine_max_vnd":5000000,"effective_from":"2026-07-01"}' >/dev/null
call $ADMIN PUT /api/v1/legal-provisions/by-code/ND119-D17-K1 -d '{"decree":"119/2017/NĐ-CP",
  "amended_by":["126/2021/NĐ-CP"],"article":"Điều 17 khoản 1","title":"Vi phạm chất lượng hàng hóa lưu thông",
  "fine_min_vnd":1000000,"fine_max_vnd":3000000,"effective_from":"2017-12-15","effective_to":"2026-06-30"}' >/dev/null

# 1. Four plans; SCT and SYT meet on one business in March, DOST and SNNMT on another in May.
plan() { call $1 POST /api/v1/inspection-plans -d "{\"year\":2026,\"title\":\"Kế hoạch kiểm tra năm 2026\",
  \"legal_basis\":\"Luật Chất lượng sản phẩm, hàng hóa 2007\",\"items\":[{\"tax_code\":\"${5:-0200987658}\",\"kind\":\"$2\",
  \"period_from\":\"$3\",\"period_to\":\"$4\"}]}" | jq -r .id; }
move() { call $1 POST /api/v1/inspection-plans/$2/transitions -d "$3"; }
P1=$(plan $SCT circulation 2026-03-01 2026-03-31); P2=$(plan $SYT label 2026-03-10 2026-03-20)
move $SCT $P1 '{"action":"submit"}' >/dev/null
CASE=$(move $SYT $P2 '{"action":"submit"}' | jq -r '.plan.open_overlaps[0]')
move $TTTP $P1 '{"action":"review"}' >/dev/null
move $SCT $P1 '{"action":"approve","decision":{"number":"12/QĐ-SCT","date":"2026-01-20"}}' | jq -r .code   # unresolved_overlap
call $TTTP POST /api/v1/inspection-overlaps/$CASE/resolution -d '{"resolution":"joint","joint_lead":"SCT"}' | jq -r '"overlap \(.resolution) led by \(.joint_lead)"'
move $SCT $P1 '{"action":"approve","decision":{"number":"12/QĐ-SCT","date":"2026-01-20"}}' | jq -r '"plan \(.plan.state)"'
P3=$(plan $ADMIN metrology 2026-05-01 2026-05-15 0200555552); P4=$(plan $SNNMT production 2026-05-10 2026-05-20 0200555552)
move $ADMIN $P3 '{"action":"submit"}' >/dev/null
CASE2=$(move $SNNMT $P4 '{"action":"submit"}' | jq -r '.plan.open_overlaps[0]')
ITEM=$(call $TTTP GET /api/v1/inspection-overlaps/$CASE2 | jq -r .item_id)
call $TTTP POST /api/v1/inspection-overlaps/$CASE2/resolution \
  -d "{\"resolution\":\"reschedule\",\"item_id\":\"$ITEM\",\"period_from\":\"2026-06-01\",\"period_to\":\"2026-06-10\"}" | jq -r '"overlap \(.resolution)"'
for pair in "$SYT $P2" "$ADMIN $P3" "$SNNMT $P4"; do set -- $pair
  move $TTTP $2 '{"action":"review"}' >/dev/null
  move $1 $2 '{"action":"approve","decision":{"number":"1/QĐ","date":"2026-01-25"}}' | jq -r '"plan \(.plan.state)"'; done

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

# 5. A case outside SCT's competence goes to SNNMT, which leads it since; SCT keeps following it.
V2=$(call $SCT POST /api/v1/violations -d '{"tax_code":"0200987658","offender":"organisation","committed_on":"2026-05-02",
  "description":"Phân bón không đạt","provision_code":"ND119-D17-K1"}' | jq -r .id)
call $SCT POST /api/v1/violations/$V2/transitions -d '{"action":"transfer","to_agency":"SNNMT","reason":"Thuộc ngành nông nghiệp"}' \
  | jq -r '"violation transferred to \(.violation.lead_agency)"'

# 6. A sanction against the laboratory suspends its registration certificate in the registry.
call $ADMIN POST /api/v1/standards -d '{"designation":"TCVN 6260:2020","title_vi":"Xi măng poóc lăng hỗn hợp"}' >/dev/null
BODY=$(call $ADMIN PUT /api/v1/conformity-bodies/by-tax-code/0200555552 -d '{"activities":["testing"],"fields":["vật liệu xây dựng"],
  "accreditation":{"accreditation_body":"BoA","number":"VILAS 1234","standard":"ISO/IEC 17025","valid_until":"2030-12-31","status":"active"}}' | jq -r .id)
CERT=$(call $ADMIN POST /api/v1/conformity-bodies/$BODY/certificates -d '{"number":"16/2026/GCN","activity":"testing","valid_until":"2029-03-14",
  "decision":{"number":"16/2026/QĐ-SKHCN","date":"2026-01-15"},"scope":[{"field":"vật liệu xây dựng","products":["xi măng"],"standards":["TCVN 6260:2020"]}]}' | jq -r .id)
V3=$(call $ADMIN POST /api/v1/violations -d '{"tax_code":"0200555552","offender":"organisation","committed_on":"2026-06-05",
  "description":"Trả kết quả thử nghiệm sai quy trình","provision_code":"ND119-D17-K1"}' | jq -r .id)
call $ADMIN POST /api/v1/violations/$V3/transitions -d "{\"action\":\"sanction\",\"sanction\":{\"decision\":{\"number\":\"9/QĐ-XPHC\",
  \"date\":\"2026-06-20\"},\"authority\":\"Chánh Thanh tra Sở KH&CN\",\"fine_vnd\":5000000},
  \"certificate\":{\"certificate_id\":\"$CERT\",\"measure\":\"suspend\"}}" >/dev/null
curl -s $HUB/api/v1/certificates/$CERT | jq -r '"certificate \(.number) \(.status)"'

# 7. A violation under the decree in force from July, sanctioned, final and disclosed: two on the public list.
V4=$(call $SCT POST /api/v1/violations -d '{"tax_code":"0200987658","offender":"organisation","committed_on":"2026-08-02",
  "description":"Tái phạm: mũ bảo hiểm không đạt","provision_code":"NEW-D17-K1"}' | jq -r .id)
call $SCT POST /api/v1/violations/$V4/transitions -d '{"action":"sanction","sanction":{"decision":{"number":"20/QĐ-XPHC","date":"2026-08-20"},
  "authority":"Chánh Thanh tra Sở Công Thương","fine_vnd":8000000}}' >/dev/null
call $SCT POST /api/v1/violations/$V4/transitions -d '{"action":"become_final","final_on":"2026-09-05"}' >/dev/null
call $SCT POST /api/v1/violations/$V4/disclosure -d '{}' >/dev/null
curl -s $HUB/api/v1/disclosures | jq -r '"public list: \(.items | length) disclosures"'
