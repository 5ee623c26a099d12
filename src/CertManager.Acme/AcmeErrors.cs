using System.Globalization;
using System.Text;
using CertManager.Acme.Protocol;
using CertManager.Core.Results;

namespace CertManager.Acme;

/// <summary>
/// What can go wrong with an ACME CA, each with a stable code, a message in plain words and what to do. The CA's own
/// errors (RFC 8555 §6.7, RFC 7807 problem documents) keep the CA's <c>detail</c> text, because it names the record
/// or the limit involved, and get the fix an administrator needs; transport failures say where to look.
/// </summary>
public static class AcmeErrors
{
    public static Problem AddressInvalid(string reason) => Problem.Error("acme.address-invalid", reason, "Enter the CA's ACME directory URL, e.g. https://acme-v02.api.letsencrypt.org/directory.");

    public static Problem Unreachable(Uri url, string detail) => Problem.Error(
        "acme.unreachable",
        $"The ACME server at {url.Authority} could not be reached: {detail}",
        "Check the directory URL, that this server may open HTTPS connections to the CA (firewall, outbound proxy), and the CA's status page.");

    public static Problem HostUnknown(Uri url) => Problem.Error(
        "acme.host-unknown",
        $"The CA host name '{url.Host}' could not be resolved.",
        "Check the spelling of the directory URL and this server's DNS settings.");

    public static Problem TlsFailed(Uri url, string detail) => Problem.Error(
        "acme.tls-failed",
        $"The HTTPS connection to {url.Authority} failed: {detail}",
        "The ACME server's certificate is not trusted by this server or does not match the address. For an enterprise ACME CA, add its root to this server's trust store.");

    public static Problem Timeout(Uri url, TimeSpan timeout) => Problem.Error(
        "acme.timeout",
        $"The ACME server at {url.Authority} did not answer within {timeout.TotalSeconds:0} seconds.",
        "Try again later; check the CA's status page and that no proxy silently drops the connection.");

    public static Problem HttpStatus(Uri url, int status, string reason) => Problem.Error(
        "acme.http-status",
        $"The server at {url.Authority} answered HTTP {status} {reason} for {url.AbsolutePath} without an ACME problem document.",
        "Check that the directory URL points to an ACME (RFC 8555) service and not to a web page.");

    public static Problem NotAcme(Uri url, string what) => Problem.Error(
        "acme.not-acme",
        $"The answer from {url} is not an ACME directory: {what}",
        "Check the directory URL: it ends in /directory for Let's Encrypt, ZeroSSL and Google Trust Services, and answers JSON with newNonce, newAccount and newOrder.");

    public static readonly Problem TermsNotAgreed = Problem.Error(
        "acme.terms-not-agreed",
        "The CA's terms of service must be agreed to before an account can be created.",
        "Read the terms of service linked on the form and tick the agreement.");

    public static readonly Problem ExternalAccountKeyInvalid = Problem.Error(
        "acme.eab-key-invalid",
        "The External Account Binding HMAC key is not base64url text.",
        "Paste the HMAC key exactly as the CA shows it (letters, digits, '-' and '_'); it is not the key ID.");

    public static readonly Problem NoRenewalInfo = Problem.Error(
        "acme.no-renewal-info",
        "This CA's directory offers no renewalInfo (ACME Renewal Information, RFC 9773).",
        "Nothing to do: CertManager renews at two thirds of the certificate's lifetime for CAs without ARI.");

    public static readonly Problem NoAuthorityKeyIdentifier = Problem.Error(
        "acme.no-authority-key-id",
        "The certificate has no Authority Key Identifier, so it has no ARI identifier (RFC 9773 §4.1).",
        "Nothing to do: the certificate is renewed at two thirds of its lifetime.");

    public static Problem ChallengeNotOffered(string identifier, string wanted, IEnumerable<string?> offered) => Problem.Error(
        "acme.challenge-not-offered",
        $"The CA does not offer a {wanted} challenge for '{identifier}'; it offers {string.Join(", ", offered.Where(o => o is not null).DefaultIfEmpty("none"))}.",
        wanted == AcmeChallenge.Http01
            ? "Wildcard names (*.example.com) can only be validated with dns-01: choose dns-01 for this certificate."
            : "Choose a challenge type the CA offers for this name.");

    public static Problem Unauthorized(string identifier, string status) => Problem.Error(
        "acme.authorization-" + status,
        $"The CA's authorization for '{identifier}' is {status}, so it cannot be used.",
        "Start a new order: the CA creates fresh authorizations for it.");

    public static Problem PollTimeout(string what, TimeSpan waited) => Problem.Error(
        "acme.poll-timeout",
        $"The CA did not finish {what} within {waited.TotalSeconds:0} seconds.",
        "The order is kept at the CA; try again later. If it persists, look at the CA's status page.");

    public static Problem OrderInvalid(AcmeOrder order) => order.Error is { } error
        ? FromCa(error, null) with { Message = $"The CA marked the order invalid: {FromCa(error, null).Message}" }
        : Problem.Error("acme.order-invalid", "The CA marked the order invalid without saying why.", "Start a new order; if it fails again, contact the CA with the order URL " + order.Location + ".");

    public static readonly Problem NoCertificate = Problem.Error(
        "acme.no-certificate",
        "The CA said the order is valid but gave no certificate URL, or the download held no certificate.",
        "Try again; if it persists, contact the CA with the order URL.");

    /// <summary>A failed challenge (RFC 8555 §8.2): the CA's error with what it means for this challenge type.</summary>
    public static Problem ChallengeFailed(string identifier, string challengeType, AcmeProblemDocument? error)
    {
        var caProblem = error is null
            ? Problem.Error("acme.challenge-invalid", "The CA gave no reason.", "Check the CA's documentation for the challenge type.")
            : FromCa(error, null);
        var fix = challengeType switch
        {
            AcmeChallenge.Dns01 => $"Check that the TXT record {KeyAuthorization.DnsTxtName(identifier)} holds exactly the value CertManager published, on every authoritative server of the zone, and that no older TXT value is left there. {caProblem.Fix}",
            AcmeChallenge.Http01 => $"Check that http://{identifier}{KeyAuthorization.HttpPathPrefix}<token> reaches this server on port 80 from the internet (port forward, firewall, HttpPort) and is not redirected to another host. {caProblem.Fix}",
            _ => caProblem.Fix,
        };
        return caProblem with { Message = $"The CA could not validate '{identifier}' with {challengeType}: {caProblem.Message}", Fix = fix };
    }

    /// <summary>
    /// A problem document from the CA (RFC 8555 §6.7) in plain words. <paramref name="retryAfter"/> is the CA's
    /// Retry-After, shown for rateLimited (§6.6) as the time to try again.
    /// </summary>
    public static Problem FromCa(AcmeProblemDocument document, DateTimeOffset? retryAfter)
    {
        ArgumentNullException.ThrowIfNull(document);
        var type = document.ShortType;
        var detail = Describe(document);
        var code = "acme." + Kebab(type.Length == 0 ? "error" : type);
        var (message, fix) = type switch
        {
            "badNonce" => ("The CA kept rejecting the request's anti-replay nonce (badNonce) after several fresh ones.", "Try again; if it persists, a proxy or load balancer between this server and the CA may be replaying or caching responses."),
            "externalAccountRequired" => ($"The CA requires an External Account Binding (EAB) to create an account: {detail}", "Enter the EAB key ID and HMAC key from your account at the CA (ZeroSSL: Developer page; Google Trust Services: 'gcloud publicca external-account-keys create'; Sectigo, DigiCert and enterprise CAs: the ACME settings of your account)."),
            "unauthorized" => ($"The CA refused: {detail}", "Check that the account may request these names and that the challenge answer is published where the CA looks."),
            "rateLimited" => ($"The CA's rate limit was reached: {detail}" + (retryAfter is { } at ? $" The CA asks to try again after {at.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)}." : string.Empty), "Wait until then before trying again. Use the CA's staging directory for tests; production limits are per account and per registered domain."),
            "accountDoesNotExist" => ($"The CA has no account for this account key: {detail}", "Register an account with this CA first."),
            "userActionRequired" => ($"The CA needs you to act before it continues: {detail}", "Open the CA's terms of service (the link on the form) and agree to the current version; then try again."),
            "rejectedIdentifier" => ($"The CA will not issue a certificate for one of the names: {detail}", "Remove that name: public CAs do not issue for internal names, reserved domains or names their policy blocks."),
            "unsupportedIdentifier" => ($"The CA does not support one of the names: {detail}", "Use DNS names the CA supports; IP addresses need a CA that supports them (RFC 8738)."),
            "caa" => ($"A CAA DNS record forbids this CA from issuing for the name: {detail}", "Add a CAA record allowing this CA (e.g. 0 issue \"letsencrypt.org\") or remove the restrictive one."),
            "dns" => ($"The CA could not look the name up in DNS: {detail}", "Check that the name and the _acme-challenge record resolve in public DNS from the internet, not only on your network."),
            "connection" => ($"The CA could not connect to the server for the challenge: {detail}", "Make sure port 80 of the name reaches this server from the internet (port forward, firewall)."),
            "incorrectResponse" => ($"The CA received an answer that does not match the challenge: {detail}", "Another server or an old record answered instead of this one."),
            "tls" => ($"The CA's TLS connection for validation failed: {detail}", "Check the certificate and TLS settings of the server the name points to."),
            "badCSR" => ($"The CA rejected the certificate request: {detail}", "Check the names and the key size; some CAs refuse 4096-bit keys or certain names."),
            "badPublicKey" => ($"The CA does not accept the public key: {detail}", "Use an RSA key of 2048 or 3072 bits."),
            "badSignatureAlgorithm" => ($"The CA does not accept the JWS signature algorithm: {detail}", "The CA does not support ES256 account keys; contact the CA."),
            "invalidContact" or "unsupportedContact" => ($"The CA does not accept the contact address: {detail}", "Enter a real email address on a domain with MX records, or leave it empty."),
            "malformed" => ($"The CA says the request was malformed: {detail}", "Check that the directory URL is an RFC 8555 ACME v2 directory; try again after updating CertManager if it persists."),
            "orderNotReady" => ($"The order is not ready to be finalized: {detail}", "Start a new order; every name must be validated first."),
            "alreadyReplaced" => ($"The certificate named in 'replaces' was already renewed by another order: {detail}", "Nothing to renew: the replacement exists. Order without 'replaces' if a new certificate is still wanted."),
            "serverInternal" => ($"The CA failed internally: {detail}", "Try again later and look at the CA's status page."),
            "compound" => ($"The CA found several problems: {detail}", "Fix each name listed and try again."),
            _ => ($"The CA answered an error ({(type.Length == 0 ? "no type" : type)}): {detail}", "Read the CA's message; check the names, the account and the CA's documentation."),
        };
        return Problem.Error(code, message, fix);
    }

    private static string Describe(AcmeProblemDocument document)
    {
        var text = new StringBuilder(document.Detail ?? document.Title ?? "no detail given");
        foreach (var sub in document.Subproblems ?? [])
        {
            text.Append(CultureInfo.InvariantCulture, $" [{sub.Identifier?.Value ?? "?"}: {sub.ShortType}: {sub.Detail}]");
        }

        return text.ToString();
    }

    private static string Kebab(string camel)
    {
        var text = new StringBuilder();
        foreach (var c in camel)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append('-');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }
}
