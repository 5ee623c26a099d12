#!/usr/bin/env bash
# Regenerates docs/openapi-v1.json from the REST API's endpoints: builds the console, starts it in the test that
# compares the document, and lets that test write what the console generates. Commit the result with the change.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build tests/CertManager.Web.Tests -c Release -nologo -clp:NoSummary
CERTMANAGER_UPDATE_OPENAPI=1 dotnet test tests/CertManager.Web.Tests -c Release --no-build -nologo \
  --filter "FullyQualifiedName~OpenApiDocumentTests.GetDocument_SignedIn_MatchesCommittedDocument"
git --no-pager diff --stat -- docs/openapi-v1.json
