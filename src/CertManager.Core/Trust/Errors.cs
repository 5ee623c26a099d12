using CertManager.Core.Results;

namespace CertManager.Core.Trust;

public static class TrustErrors
{
    public static Problem NotARoot(string subject) => Problem.Error(
        "trust.not-a-root", $"'{subject}' is not a root certificate (its issuer is another certificate).", "Add the self-signed root certificate at the top of the chain, not an intermediate.");

    public static Problem NotTrusted(string fingerprint) => Problem.Error(
        "trust.not-trusted", $"No root with SHA-256 {fingerprint} is in the console's trust store.", "Reload the Trusted roots page: another administrator may have removed it already.");

    public static Problem FileUnreadable(string fileName, string reason) => Problem.Error(
        "trust.file-unreadable", $"{fileName} could not be read from the browser ({reason}).", "Choose the root certificate file again.");

    public static readonly Problem RootNotUploaded = Problem.Error(
        "trust.root-not-uploaded", "The root certificate to trust is not among the uploaded files.", "Upload your enterprise root CA certificate with the intermediates, check again, then trust it.");
}
