#!/usr/bin/env bash
# The README's worked example: QCĐP 01:2023/TPHP from proposal to registration and entry into force.
# Usage: HUB=http://127.0.0.1:8080 SECRET=<admin secret> bash tests/examples/qcdp-lifecycle.sh (needs curl and jq).
set -euo pipefail
HUB=${HUB:-http://127.0.0.1:8080}
token() { curl -s -u "$1:$2" -d grant_type=client_credentials $HUB/api/v1/auth/token | jq -r .access_token; }
call() { local who=$1 method=$2 path=$3; shift 3
  curl -s -X "$method" -H "Authorization: Bearer $who" -H 'Content-Type: application/json' "$@" "$HUB$path"; }
ADMIN=$(token admin "$SECRET")

# The drafting department, another department that comments, and DOST's own officer system.
call $ADMIN POST /api/v1/agencies -d '{"code":"SNNMT","name_vi":"Sở Nông nghiệp và Môi trường","kind":"department"}' >/dev/null
call $ADMIN POST /api/v1/agencies -d '{"code":"SCT","name_vi":"Sở Công Thương","kind":"department"}' >/dev/null
secret_of() { call $ADMIN POST /api/v1/clients -d "{\"client_id\":\"$1\",\"name\":\"$1\",\"agency_code\":\"$2\",\"roles\":[\"agency_officer\"]}" | jq -r .client_secret; }
SNNMT=$(token snnmt-system "$(secret_of snnmt-system SNNMT)")
SCT=$(token sct-system "$(secret_of sct-system SCT)")
DOST=$(token skhcn-system "$(secret_of skhcn-system SKHCN)")

# 1. DOST compiles the annual QCĐP plan; the People's Committee approves it.
PLAN=$(call $DOST POST /api/v1/programs -d '{"name":"Kế hoạch xây dựng QCĐP năm 2023","kind":"annual","start_year":2023,"end_year":2023}' | jq -r .id)
call $DOST POST /api/v1/programs/$PLAN/transitions -d '{"action":"submit"}' | jq -r .program.state
call $DOST POST /api/v1/programs/$PLAN/transitions \
  -d '{"action":"approve","decision":{"number":"05/QĐ-UBND","date":"2023-01-05"}}' | jq -r .program.state

# 2. The department proposes the regulation; DOST accepts it into the plan (a task is added to it).
QCDP=$(call $SNNMT POST /api/v1/technical-regulations -d '{
  "title_vi":"Quy chuẩn kỹ thuật địa phương về vật liệu sử dụng làm phao dùng trong các bè nuôi trồng thủy sản trên biển",
  "sector":"thủy sản","coordinating_agencies":["SKHCN"]}' | jq -r .id)
move() { call $1 POST /api/v1/technical-regulations/$QCDP/transitions -d "$2" | jq -r '.regulation.state // .code'; }
move $DOST "{\"action\":\"accept_into_plan\",\"program_id\":\"$PLAN\",\"due_date\":\"2023-06-30\"}"   # planned

# 3. Drafting, then public consultation (public without a token while it is open).
move $SNNMT '{"action":"start_drafting","decision":{"number":"120/QĐ-SNNMT","date":"2023-01-10"}}'  # drafting
TODAY=$(date +%F); LATER=$(date -d '+60 days' +%F)
move $SNNMT "{\"action\":\"open_consultation\",\"opens_on\":\"$TODAY\",\"closes_on\":\"$LATER\"}"  # consultation
COMMENT=$(call $SCT POST /api/v1/technical-regulations/$QCDP/comments \
  -d '{"clause":"2.1","comment":"Bổ sung phép thử độ bền kéo."}' | jq -r .id)
move $SNNMT '{"action":"submit_for_appraisal","decision":{"number":"45/QĐ-UBND","date":"2023-03-01"}}'  # unanswered_comments
call $SNNMT POST /api/v1/technical-regulations/$QCDP/comments/$COMMENT/answer \
  -d '{"disposition":"accepted","response":"Đã bổ sung tại 2.1.3."}' | jq -r .disposition

# 4. Appraisal, the ministry's opinion, issue, registration.
move $SNNMT '{"action":"submit_for_appraisal","decision":{"number":"45/QĐ-UBND","date":"2023-03-01"}}'  # appraisal
move $DOST  '{"action":"pass_appraisal","concluded_on":"2023-03-20"}'                                    # appraised
move $SNNMT '{"action":"request_ministry_opinion","ministry":"Bộ Nông nghiệp và Phát triển nông thôn",
              "decision":{"number":"310/SNNMT-TS","date":"2023-04-01"}}'                                 # ministry_opinion_requested
move $SNNMT '{"action":"record_ministry_opinion","decision":{"number":"2150/BNN-TS","date":"2023-05-10"}}' # ministry_opinion_received
move $SNNMT '{"action":"issue","code":"QCDP 01:2023/TPHP","effective_date":"2023-06-25",
              "decision":{"number":"16/2023/QĐ-UBND","date":"2023-06-15","issued_by":"UBND thành phố Hải Phòng"}}' # issued
move $SNNMT '{"action":"register","registered_on":"2023-07-01"}'                                         # dost_only
move $DOST  '{"action":"register","registered_on":"2023-07-01"}'                                         # registered
move $SNNMT '{"action":"bring_into_force"}'                                                              # in_effect

# 5. Anyone reads it, by code, without a token; its life is in …/transitions.
curl -s "$HUB/api/v1/technical-regulations/by-code/QCĐP%2001%3A2023/TPHP" | jq -c '{code, state, origin, public}'
curl -s "$HUB/api/v1/technical-regulations/$QCDP/transitions" | jq -r '.items[] | "\(.position) \(.action): \(.from_state) → \(.to_state) (\(.agency_code))"'
call $DOST GET /api/v1/programs/$PLAN | jq -c .progress
