"""Drives a running hub through the Python SDK generated from openapi/openapi.json.

Usage: python sdk_smoke.py BASE_URL ADMIN_SECRET
Proves the generated client works: token, typed list, create, typed problem on refusal,
a lifecycle move through the tagged union.
"""
import datetime
import io
import json
import sys
import time

from tdc_hub_client import AuthenticatedClient, Client
from tdc_hub_client.api.import_jobs import create_import_job, get_import_job
from tdc_hub_client.types import File
from tdc_hub_client.api.agencies import create_agency, list_agencies
from tdc_hub_client.api.businesses import get_business_by_tax_code, upsert_business
from tdc_hub_client.api.authentication import issue_token
from tdc_hub_client.api.operations import get_service_description
from tdc_hub_client.api.conformity_registry import (
    create_conformity_body,
    issue_certificate,
    list_conformity_bodies,
    transition_certificate,
)
from tdc_hub_client.api.technical_regulations import create_technical_regulation, transition_technical_regulation
from tdc_hub_client.models import (
    Activity,
    AgencyKind,
    Certificate,
    CertificateActionRevoke,
    CertificateActionRevokeAction,
    CertificateMoved,
    CertificateStatus,
    ConformityBody,
    ConformityBodyInput,
    ConformityBodyPage,
    CreateImportJobResource,
    ImportFormat,
    ImportJob,
    ImportStatus,
    DecisionRef,
    NewCertificate,
    ScopeItem,
    AgencyPage,
    Business,
    BusinessInput,
    NewAgency,
    Problem,
    RegulationActionAcceptIntoPlan,
    RegulationActionAcceptIntoPlanAction,
    RegulationActionWithdraw,
    RegulationActionWithdrawAction,
    RegulationMoved,
    RegulationState,
    TechnicalRegulation,
    TechnicalRegulationInput,
    Sharing,
    TokenRequest,
    TokenResponse,
)

base, secret = sys.argv[1], sys.argv[2]
public = Client(base_url=base)
info = get_service_description.sync(client=public)
assert info.name == "TĐC Hub", info

token = issue_token.sync(
    client=public,
    body=TokenRequest(grant_type="client_credentials", client_id="admin", client_secret=secret),
)
assert isinstance(token, TokenResponse), token
api = AuthenticatedClient(base_url=base, token=token.access_token)

created = create_agency.sync(client=api, body=NewAgency(code="SDK-T", name_vi="Kiểm thử SDK", kind=AgencyKind.OTHER))
assert getattr(created, "code", None) == "SDK-T", created
again = create_agency.sync(client=api, body=NewAgency(code="SDK-T", name_vi="Kiểm thử SDK", kind=AgencyKind.OTHER))
assert isinstance(again, Problem) and again.code == "duplicate_key", again

page = list_agencies.sync(client=api, kind=AgencyKind.OTHER, limit=10)
assert isinstance(page, AgencyPage), page
assert [a.code for a in page.items] == ["SDK-T"], page
business = upsert_business.sync(
    "0100233488",
    client=api,
    body=BusinessInput(name="Công ty TNHH Thủy sản Cát Hải", representative="Nguyễn Văn A", sharing=Sharing.PUBLIC),
)
assert isinstance(business, Business) and business.lead_agency == "SKHCN", business
bad = upsert_business.sync("0100233487", client=api, body=BusinessInput(name="x"))
assert isinstance(bad, Problem) and bad.errors[0].code == "tax_code_checksum", bad

# A public record reads without a token (the generated signature asks for an authenticated
# client because a token is accepted; a plain client works).
seen = get_business_by_tax_code.sync("0100233488", client=public)  # type: ignore[arg-type]
assert isinstance(seen, Business) and seen.name == "Công ty TNHH Thủy sản Cát Hải", seen
assert not seen.representative, "personal data is not public"

# A lifecycle move is a typed union told apart by `action`; a refused move names the allowed ones.
proposal = create_technical_regulation.sync(
    client=api, body=TechnicalRegulationInput(title_vi="Phao nuôi trồng thủy sản", sector="thủy sản")
)
assert isinstance(proposal, TechnicalRegulation) and proposal.state == RegulationState.PROPOSED, proposal
accept = RegulationActionAcceptIntoPlan(action=RegulationActionAcceptIntoPlanAction.ACCEPT_INTO_PLAN)
moved = transition_technical_regulation.sync(proposal.id, client=api, body=accept)
assert isinstance(moved, RegulationMoved) and moved.regulation.state == RegulationState.PLANNED, moved
refused = transition_technical_regulation.sync(proposal.id, client=api, body=accept)
assert isinstance(refused, Problem) and refused.code == "illegal_transition", refused
assert "withdraw" in refused.allowed_actions, refused
withdraw = RegulationActionWithdraw(action=RegulationActionWithdrawAction.WITHDRAW, reason="Kiểm thử SDK")
done = transition_technical_regulation.sync(proposal.id, client=api, body=withdraw)
assert isinstance(done, RegulationMoved) and done.regulation.state == RegulationState.WITHDRAWN, done

# The conformity registry: a body, a certificate revoked through the typed union, a public search.
cab = create_conformity_body.sync(
    client=api, body=ConformityBodyInput(tax_code="0100233488", activities=[Activity.TESTING], fields=["thủy sản"])
)
assert isinstance(cab, ConformityBody), cab
decision = DecisionRef(number="SDK-1/QĐ", date=datetime.date(2024, 3, 15))
cert = issue_certificate.sync(
    cab.id,
    client=api,
    body=NewCertificate(
        number="SDK-1/2024/GCN", activity=Activity.TESTING, decision=decision, scope=[ScopeItem(field="thủy sản")]
    ),
)
assert isinstance(cert, Certificate) and cert.status == CertificateStatus.ACTIVE, cert
revoke = CertificateActionRevoke(action=CertificateActionRevokeAction.REVOKE, reason="Kiểm thử SDK", decision=decision)
revoked = transition_certificate.sync(cert.id, client=api, body=revoke)
assert isinstance(revoked, CertificateMoved) and revoked.certificate.status == CertificateStatus.REVOKED, revoked
found = list_conformity_bodies.sync(client=public, activity=Activity.TESTING)  # type: ignore[arg-type]
assert isinstance(found, ConformityBodyPage) and [b.tax_code for b in found.items] == ["0100233488"], found

# An import job of an NDJSON file, as a binary body with its format named.
rows = "".join(json.dumps({"tax_code": code, "name": f"Công ty {code}"}) + "\n" for code in ("0100000042", "0100000067"))
job = create_import_job.sync(
    client=api,
    body=File(payload=io.BytesIO(rows.encode()), file_name="rows.ndjson"),
    resource=CreateImportJobResource.BUSINESSES,
    format_=ImportFormat.NDJSON,
)
assert isinstance(job, ImportJob) and job.received == 2, job
for _ in range(100):
    job = get_import_job.sync(job.id, client=api)
    if job.status not in (ImportStatus.QUEUED, ImportStatus.RUNNING):
        break
    time.sleep(0.1)
assert isinstance(job, ImportJob) and job.status == ImportStatus.SUCCEEDED and job.accepted == 2, job
print("SDK smoke: 16 checks passed")
