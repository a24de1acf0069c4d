#!/usr/bin/env bash
# The README's reporting example: a quarter of coordination and reports. The Department of Industry
# and Trade asks the Department of Health for its part on 12 February 2026 — due five working days
# later, across Tết — gets a disagreeing reply late, escalates it; DOST refers it to the People's
# Committee and records its decision. DOST asks for the fourth quarter's report, pre-filled from what
# the hub holds; the Department of Industry and Trade completes and submits it, DOST accepts it and
# exports the province's aggregate as XLSX; the third quarter's, asked late, is late at once. The
# KPI index ranks the two departments with the facts behind every point.
# Usage: HUB=http://127.0.0.1:8080 SECRET=<admin secret> bash tests/examples/quarter.sh (needs curl and jq).
set -euo pipefail
HUB=${HUB:-http://127.0.0.1:8080}
token() { curl -s -u "$1:$2" -d grant_type=client_credentials $HUB/api/v1/auth/token | jq -r .access_token; }
ADMIN=$(token admin "$SECRET")
as() { local who=$1 method=$2 path=$3; shift 3
  curl -s -X "$method" -H "Authorization: Bearer $who" -H 'Content-Type: application/json' "$@" "$HUB$path"; }
client() { # agency code, name → a token of an officer's system of that agency
  as "$ADMIN" POST /api/v1/agencies -d "{\"code\": \"$1\", \"name_vi\": \"$2\", \"kind\": \"department\"}" >/dev/null
  local secret
  secret=$(as "$ADMIN" POST /api/v1/clients -d "{\"client_id\": \"q-${1,,}\", \"name\": \"$2\", \"agency_code\": \"$1\",
    \"roles\": [\"agency_officer\"]}" | jq -r .client_secret)
  token "q-${1,,}" "$secret"
}
SCT=$(client SCT "Sở Công Thương")
SYT=$(client SYT "Sở Y tế")

# 1. A coordination request received on Thursday 12 February 2026: five working days run past Tết.
REQ=$(as "$SCT" POST /api/v1/coordination-requests -d '{"subject": "Phối hợp kiểm tra cơ sở sản xuất bánh kẹo",
  "body": "Đề nghị Sở Y tế cung cấp kết quả kiểm tra an toàn thực phẩm năm 2025 của cơ sở.",
  "addressees": [{"agency": "SYT"}], "received_on": "2026-02-12"}')
echo "$REQ" | jq -r '"request due \(.addressees[0].due_on), overdue \(.overdue)"'
ID=$(echo "$REQ" | jq -r .id)
as "$SYT" POST /api/v1/coordination-requests/$ID/replies -d '{"position": "disagree",
  "text": "Cơ sở thuộc phạm vi quản lý của ngành công thương."}' | jq -r '"reply \(.addressees[0].status)"'
as "$SYT" POST /api/v1/coordination-requests/$ID/transitions -d '{"action": "escalate",
  "reason": "Chưa thống nhất cơ quan chủ trì"}' | jq -r '"request \(.request.state)"'
as "$ADMIN" POST /api/v1/coordination-requests/$ID/transitions -d '{"action": "refer",
  "reason": "Báo cáo UBND tỉnh xem xét, quyết định"}' | jq -r '"request \(.request.state)"'
as "$ADMIN" POST /api/v1/coordination-requests/$ID/transitions -d '{"action": "settle",
  "outcome": "UBND tỉnh giao Sở Công Thương chủ trì"}' | jq -r '"request \(.request.state): \(.request.outcome)"'

# 2. DOST's quarterly template, and the fourth quarter's request: pre-filled from the hub.
as "$SCT" POST /api/v1/complaints -d '{"channel": "hotline", "handling_agency": "SCT", "complaint": {"kind": "feedback",
  "subject": "Cân sai", "description": "Cân ở chợ sai số."}}' >/dev/null
as "$ADMIN" POST /api/v1/report-templates -d '{"code": "TDC-QUY", "name": "Báo cáo quý về TĐC", "frequency": "quarterly",
  "due_month_offset": 0, "due_day": 25, "indicators": [
   {"code": "1", "name": "Số phản ánh, kiến nghị tiếp nhận", "unit": "vụ", "computed": "complaints_received"},
   {"code": "2", "name": "Số lớp tập huấn", "unit": "lớp"}]}' >/dev/null
Q4=$(as "$ADMIN" POST /api/v1/report-requests -d '{"title": "Báo cáo quý IV/2026", "template_code": "TDC-QUY",
  "period": "2026-Q4", "agencies": ["SCT", "SYT"]}' | jq -r .id)
S=$(as "$SCT" GET "/api/v1/report-submissions?request_id=$Q4" | jq '.items[0]')
echo "$S" | jq -r '"pre-filled: \(.values[0].value) complaints (computed \(.values[0].computed))"'
as "$SCT" PUT /api/v1/report-submissions/$(echo "$S" | jq -r .id)/values -H "If-Match: \"$(echo "$S" | jq -r .version)\"" \
  -d '{"values": [{"code": "2", "value": 3}]}' >/dev/null
as "$SCT" POST /api/v1/report-submissions/$(echo "$S" | jq -r .id)/transitions -d '{"action": "submit"}' \
  | jq -r '"submitted, late \(.submission.late)"'
as "$ADMIN" POST /api/v1/report-submissions/$(echo "$S" | jq -r .id)/transitions -d '{"action": "accept"}' \
  | jq -r '"submission \(.submission.state)"'
as "$ADMIN" GET /api/v1/report-requests/$Q4 | jq -r '"progress: \([.progress[] | "\(.agency) \(.state)"] | join(", "))"'
as "$ADMIN" GET /api/v1/report-requests/$Q4/aggregate | jq -r '"aggregate: \(.lines[1].name) \(.lines[1].total), missing \(.missing | join(","))"'
curl -s -o /tmp/quarter-q4.xlsx -w 'export: %{content_type} %{size_download} bytes\n' -H "Authorization: Bearer $ADMIN" \
  "$HUB/api/v1/report-requests/$Q4/export?format=xlsx"

# 3. The third quarter, asked after its deadline of 25 September: late at once.
Q3=$(as "$ADMIN" POST /api/v1/report-requests -d '{"title": "Báo cáo quý III/2026", "template_code": "TDC-QUY",
  "period": "2026-Q3", "agencies": ["SYT"]}' | jq -r .id)
as "$ADMIN" GET /api/v1/report-requests/$Q3 | jq -r '"Q3: \(.progress[0].agency) late \(.progress[0].late)"'

# 4. The KPI index of the year.
K=$(as "$ADMIN" POST /api/v1/kpi-schemes -d '{"name": "Chỉ số KPI 2026", "period_start": "2026-01-01", "period_end": "2026-12-31",
  "components": [{"component": "coordination_on_time", "weight": 50}, {"component": "reports_on_time", "weight": 50}],
  "agencies": ["SCT", "SYT"]}' | jq -r .id)
as "$ADMIN" GET /api/v1/kpi-schemes/$K/ranking \
  | jq -r '.scores[] | "kpi \(.rank). \(.agency) \(.score // "-") \([.components[].misses[]] | join("; "))"'
