using CertManager.Core.Results;

namespace CertManager.Core.Trust;

public static class TrustErrors
{
    public static Problem NotARoot(string subject) => Problem.Error(
        "trust.not-a-root", $"'{subject}' is not a root certificate (its issuer is another certificate).", "Add the self-signed root certificate at the top of the chain, not an intermediate.");
}
