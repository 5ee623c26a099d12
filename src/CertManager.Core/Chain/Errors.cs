using CertManager.Core.Results;

namespace CertManager.Core.Chain;

/// <summary>The chain doctor's diagnoses. Codes are a contract for scripts (docs/cli.md).</summary>
public static class ChainErrors
{
    public static Problem ServerExpired(string name, DateTimeOffset notAfter) => Problem.Error(
        "chain.server-expired", $"The server certificate {name} expired on {notAfter:yyyy-MM-dd HH:mm} UTC.", "Renew it: generate a new CSR, have your CA sign it, and upload the new certificate.");

    public static Problem ServerNotYetValid(string name, DateTimeOffset notBefore) => Problem.Error(
        "chain.server-not-yet-valid", $"The server certificate {name} is not valid before {notBefore:yyyy-MM-dd HH:mm} UTC.", "Check this server's clock, or wait until then to install it.");

    public static Problem IntermediateExpired(int position, string name, DateTimeOffset notAfter) => Problem.Error(
        "chain.intermediate-expired", $"Certificate #{position} ({name}) in the chain expired on {notAfter:yyyy-MM-dd HH:mm} UTC.", "Download the current intermediate certificate from your CA and upload it instead of this one.");

    public static Problem IntermediateNotYetValid(int position, string name, DateTimeOffset notBefore) => Problem.Error(
        "chain.intermediate-not-yet-valid", $"Certificate #{position} ({name}) in the chain is not valid before {notBefore:yyyy-MM-dd HH:mm} UTC.", "Check this server's clock, or ask your CA which intermediate to use.");

    public static Problem IssuerMissing(string name, string issuer, string? caIssuersUrl) => Problem.Error(
        "chain.issuer-missing", $"The bundle does not contain the issuer of {name}: '{issuer}'.",
        caIssuersUrl is null
            ? "Download that intermediate certificate from your CA and add it under Intermediate SSL Certificate(s)."
            : $"Download that intermediate certificate from your CA ({caIssuersUrl}) and add it under Intermediate SSL Certificate(s).");

    public static Problem RootUntrusted(string root) => Problem.Warning(
        "chain.root-untrusted", $"The chain ends in '{root}', which is not in this console's trust store.",
        "If this is your enterprise CA, an administrator can add its root to the console's trust store; browsers must trust it too (e.g. through group policy), or they will warn.");

    public static Problem RootNotFound(string top, string issuer, string? caIssuersUrl) => Problem.Warning(
        "chain.root-not-found", $"The chain ends at {top}; its issuer '{issuer}' is neither in the bundle nor in this console's trust store.",
        $"If '{issuer}' is your enterprise root CA, an administrator can add it to the console's trust store. If it is another intermediate, download it from your CA{(caIssuersUrl is null ? string.Empty : $" ({caIssuersUrl})")} and add it under Intermediate SSL Certificate(s).");

    public static Problem SignatureInvalid(int position, string name) => Problem.Error(
        "chain.signature-invalid", $"The signature on certificate #{position} ({name}) does not verify with its issuer's key.", "The certificate or the intermediate is not the one the CA issued: download both again from your CA.");

    public static Problem Invalid(int position, string name, string reason) => Problem.Error(
        "chain.invalid", $"Certificate #{position} ({name}) is not valid on this path: {reason}.", "Ask your CA for a correct chain; this one would be refused by clients.");

    public static Problem Unverifiable(string reason) => Problem.Error(
        "chain.unverifiable", $"The chain could not be checked: {reason}.", "Check that every file is a certificate for this server and its CA; if it persists, report it with the files (no keys).");

    public static readonly Problem NoServerCertificate = Problem.Error(
        "bundle.no-server-certificate", "None of the uploaded certificates is a server certificate: they are all CA certificates.", "Upload the certificate the CA issued for this server under SSL Certificate.");

    public static Problem Reordered() => Problem.Warning(
        "bundle.reordered", "The intermediate certificates were not in chain order; they were put in order.", "Nothing to do: the console sends them in the right order.");

    public static Problem Duplicate(string name) => Problem.Warning(
        "bundle.duplicate", $"{name} was uploaded more than once; the copy was dropped.", "Nothing to do.");

    public static Problem Unrelated(string name) => Problem.Warning(
        "bundle.unrelated", $"{name} is not part of this server certificate's chain; it was dropped.", "Nothing to do, unless you meant to upload another server certificate.");

    public static Problem RootDropped(string name) => Problem.Info(
        "bundle.root-dropped", $"The root certificate {name} was included; it was dropped because servers should not send it.", "Nothing to do: clients already have the root.");

    public static Problem HostNotCovered(string host, string names, bool required) => new(
        "server.host-not-covered",
        required ? Severity.Error : Severity.Warning,
        $"The name '{host}' is not among the certificate's names ({names}).",
        "Clients connecting by that name will refuse the certificate; request a certificate that includes it, unless clients use another name.");

    public static Problem HostInvalid(string host, string reason, bool required) => new(
        "server.host-invalid",
        required ? Severity.Error : Severity.Warning, $"'{host}' is not a host name or IP address a client would connect to: {reason}.",
        "Give the name as clients type it: a DNS name (IDNs in either form), a dotted-decimal IPv4 address without leading zeros, or an IPv6 address.");

    public static Problem NameConstraintViolated(int position, string name, string offending, int constrainingPosition, string constrainingName, bool excluded, string subtrees) => Problem.Error(
        "chain.name-constraint-violated",
        excluded
            ? $"Certificate #{position} ({name}) has the name {offending}, which certificate #{constrainingPosition} ({constrainingName}) excludes ({subtrees})."
            : $"Certificate #{position} ({name}) has the name {offending}, which certificate #{constrainingPosition} ({constrainingName}) does not permit: it permits only {subtrees}.",
        "Request the certificate again with names inside the CA's permitted names (RFC 5280 §4.2.1.10), or have it issued by a CA that may issue for that name.");

    public static Problem AlternativesTried(string closest, IReadOnlyList<string> others) => Problem.Info(
        "chain.alternatives",
        $"{others.Count + 1} paths were tried and none is valid. Explained above: {closest}. Also tried: {string.Join(" | ", others)}.",
        "Fix the problems of the path explained above, or upload the intermediate or cross-certificate that leads to a trusted root.");

    public static readonly Problem KeyMissing = Problem.Error(
        "key.missing", "No private key was uploaded and no pending key from Generate CSR matches this certificate.",
        "Upload the private key made with the CSR (SSL Private Key), or upload the certificate issued for this console's latest CSR.");

    public static Problem KeyMismatch(string name) => Problem.Error(
        "key.mismatch", $"The private key does not belong to {name}.", "Upload the key that was generated with this certificate's CSR; a key from another request will not work.");

    public static Problem NotRsa(string algorithm) => Problem.Error(
        "key.not-rsa", $"The certificate has an {algorithm} key: only RSA (and, where allowed, ECDSA) certificates can be installed.", "Request an RSA certificate from your CA (RSA 2048 or larger).");

    public static Problem AlgorithmNotAllowed(string algorithm) => Problem.Error(
        "key.algorithm-not-allowed",
        $"The certificate has an {algorithm} key, and this console installs only {(algorithm == "RSA" ? "ECDSA" : "RSA")} certificates ({Install.KeyAlgorithmPolicy.SettingName}).",
        algorithm == "RSA"
            ? $"Request an ECDSA certificate, or add RSA to {Install.KeyAlgorithmPolicy.SettingName} and restart the console."
            : $"Request an RSA certificate (2048 bits or more), or, if every service that uses this certificate accepts ECDSA, add ECDSA to {Install.KeyAlgorithmPolicy.SettingName} and restart the console.");

    public static Problem CurveNotInstallable(int bits) => Problem.Error(
        "key.ec-curve-not-installable",
        $"The certificate has an EC key on a {bits}-bit curve: the console installs ECDSA keys on P-256 and P-384 only, the curves every browser accepts for a server's key.",
        "Request a certificate for a P-256 or P-384 key (generate the CSR with ECDSA P-256).");

}
