using System.Globalization;
using CertManager.Core.Results;

namespace CertManager.Core.Csr;

/// <summary>
/// The problems the CSR form and pending requests can meet. Codes are stable (<c>csr.&lt;field&gt;-&lt;issue&gt;</c>)
/// so that the form can place each message next to its field (<see cref="FieldOf"/>) and scripts can test for them.
/// </summary>
public static class CsrErrors
{
    private static readonly Dictionary<CsrField, (string Slug, string Label)> Fields = new()
    {
        [CsrField.Country] = ("country", "Country"),
        [CsrField.State] = ("state", "State or province"),
        [CsrField.Locality] = ("locality", "City or locality"),
        [CsrField.Organization] = ("organization", "Organization"),
        [CsrField.OrganizationalUnit] = ("organizational-unit", "Organizational unit"),
        [CsrField.CommonName] = ("common-name", "Common name"),
        [CsrField.AlternateNames] = ("alternate-name", "Alternate name"),
        [CsrField.KeySize] = ("key-size", "Key size"),
        [CsrField.Hash] = ("hash", "Hash"),
    };

    /// <summary>The field a <c>csr.*</c> problem is about; null for problems that are not about one field.</summary>
    public static CsrField? FieldOf(Problem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        const string Prefix = "csr.";
        if (!problem.Code.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = problem.Code[Prefix.Length..];
        // Longest slug first: "organizational-unit-" must not be read as "organization...".
        foreach (var (field, (slug, _)) in Fields.OrderByDescending(f => f.Value.Slug.Length))
        {
            if (rest.StartsWith(slug + "-", StringComparison.Ordinal))
            {
                return field;
            }
        }

        return null;
    }

    public static Problem CountryInvalid(string value)
    {
        var byName = Countries.FindByName(value);
        var fix = byName is not null
            ? $"Use the two-letter code {byName.Code} for {byName.Name}."
            : "Choose the country from the list, or enter its ISO 3166-1 two-letter code, e.g. CA for Canada or DE for Germany.";
        return Problem.Error("csr.country-invalid", $"Country '{value}' is not an ISO 3166-1 two-letter country code.", fix);
    }

    public static Problem TooLong(CsrField field, int maximum, int actual) => Problem.Error(
        Code(field, "too-long"),
        $"{Label(field)} has {actual} characters; RFC 5280 allows at most {maximum}.",
        field == CsrField.CommonName
            ? $"Use a name of at most {maximum} characters as the common name; a longer name (up to 253 characters) can be an alternate name."
            : $"Shorten it to {maximum} characters or fewer.");

    public static Problem InvalidCharacters(CsrField field) => Problem.Error(
        Code(field, "invalid-characters"),
        $"{Label(field)} contains control characters such as a tab or line break.",
        "Retype the value on one line without tabs or line breaks.");

    public static Problem AllCapitals(CsrField field, string value) => Problem.Warning(
        Code(field, "all-capitals"),
        $"{Label(field)} '{value}' is written in capitals only; certificates show it exactly as entered.",
        field == CsrField.State
            ? "Use first capital letters only, e.g. Ontario."
            : "Use first capital letters only, e.g. Toronto.");

    public static Problem Abbreviated(CsrField field, string value) => Problem.Warning(
        Code(field, "abbreviated"),
        $"{Label(field)} '{value}' looks like an abbreviation; CAs expect the full name.",
        field == CsrField.State
            ? "Spell out the full name, e.g. Ontario rather than ON, or California rather than CA."
            : "Spell out the full name, e.g. Los Angeles rather than LA.");

    public static readonly Problem CommonNameRequired = Problem.Error(
        "csr.common-name-required",
        "The common name is required.",
        "Enter the server's fully qualified name as clients reach it, e.g. server.example.com.");

    public static Problem CommonNameIsIpAddress(string value) => Problem.Error(
        "csr.common-name-ip-address",
        $"The common name '{value}' is an IP address; it must be a DNS name.",
        "Enter the server's DNS name as the common name and add the IP address as an alternate name.");

    internal static Problem HostName(CsrField field, HostNameFault fault, string value, int? position = null)
    {
        var (issue, why, fix) = Describe(fault);
        var subject = position is { } number
            ? $"Alternate name #{number.ToString(CultureInfo.InvariantCulture)} '{value}'"
            : $"{Label(field)} '{value}'";
        return Problem.Error(Code(field, issue), $"{subject} {why}.", fix);
    }

    public static Problem NotFullyQualified(CsrField field, string value) => Problem.Warning(
        Code(field, "not-fully-qualified"),
        $"{Label(field)} '{value}' is a single label, not a fully qualified name.",
        "Public CAs issue only for fully qualified names such as server.example.com; keep the short name only for an internal CA.");

    public static Problem Converted(CsrField field, string entered, string encoded) => Problem.Info(
        Code(field, "converted"),
        $"{Label(field)} '{entered}' is an internationalized name; the request carries its ASCII form '{encoded}'.",
        "Nothing to do: browsers show the name in its original script.");

    public static Problem IpAddressAlternateName(string address) => Problem.Warning(
        "csr.alternate-name-ip-address",
        $"Alternate name {address} is an IP address; it is only useful when clients connect to that address directly, e.g. on the LAN.",
        "Keep it only if people type the address into the browser; public CAs do not issue for private addresses.");

    public static Problem DuplicateAlternateName(string value) => Problem.Info(
        "csr.alternate-name-duplicate",
        $"Alternate name '{value}' is listed more than once; the request includes it once.",
        "Nothing to do, or remove the repeated entry.");

    public static Problem KeySizeInvalid(int keySize, bool allowEcdsa) => Problem.Error(
        "csr.key-size-invalid",
        $"A {keySize.ToString(CultureInfo.InvariantCulture)}-bit key is not offered.",
        allowEcdsa
            ? $"Choose RSA {string.Join(", ", CsrForm.KeySizes)} or ECDSA {string.Join(", ", CsrForm.EcdsaCurveSizes.Select(s => $"P-{s}"))} (key size {string.Join(" or ", CsrForm.EcdsaCurveSizes)}); RSA 2048 suits most servers."
            : $"Choose RSA {string.Join(", ", CsrForm.KeySizes)}; 2048 suits most servers.");

    public static Problem EcdsaNotAllowed(int keySize) => Problem.Error(
        "csr.key-size-ecdsa-not-allowed",
        $"ECDSA P-{keySize.ToString(CultureInfo.InvariantCulture)} is not offered: this console installs only RSA certificates ({Install.KeyAlgorithmPolicy.SettingName}).",
        $"Choose RSA {string.Join(", ", CsrForm.KeySizes)}, or, if every service that uses this certificate accepts ECDSA, add ECDSA to {Install.KeyAlgorithmPolicy.SettingName} and restart the console.");

    public static Problem HashInvalid(CsrHashAlgorithm hash) => Problem.Error(
        "csr.hash-invalid",
        $"Hash '{hash}' is not offered.",
        "Choose SHA-256, SHA-384 or SHA-512; SHA-256 suits most servers.");

    public static Problem PendingNotFound(long id) => Problem.Error(
        "csr.pending-not-found",
        $"There is no pending certificate signing request #{id.ToString(CultureInfo.InvariantCulture)}; it may have been discarded.",
        "Choose a request from the list of pending requests, or generate a new one.");

    public static Problem KeyFileExists(string path) => Problem.Error(
        "csr.key-file-exists",
        $"The key file '{path}' already exists; it may hold the key of an earlier request, so it is not replaced.",
        "Choose another key file name, or move the existing file away if you are sure it is no longer needed.");

    public static Problem KeyFileNotWritten(string path, string reason) => Problem.Error(
        "csr.key-file-not-written",
        $"The key file '{path}' could not be created: {reason}",
        "Check that the directory exists and that you may write to it.");

    private static (string Issue, string Why, string Fix) Describe(HostNameFault fault) => fault switch
    {
        HostNameFault.Whitespace => ("contains-space", "contains a space", "Enter one name per entry, without spaces."),
        HostNameFault.Url => ("url", "is a URL or path, not a host name", "Enter only the host name, e.g. server.example.com rather than https://server.example.com/."),
        HostNameFault.Port => ("port", "contains ':', as in a port number", "Enter only the host name, without ':' and a port."),
        HostNameFault.TrailingDot => ("trailing-dot", "ends with a dot", "Remove the final dot."),
        HostNameFault.EmptyLabel => ("empty-label", "has an empty label (two dots in a row, or a leading dot)", "Remove the extra dot."),
        HostNameFault.LabelTooLong => ("label-too-long", "has a label longer than 63 characters (RFC 1035)", "Shorten each part between dots to 63 characters or fewer."),
        HostNameFault.NameTooLong => ("name-too-long", "is longer than 253 characters (RFC 1035)", "Use a shorter name."),
        HostNameFault.InvalidCharacters => ("invalid-characters", "contains characters a host name cannot have", "Use only letters, digits, hyphens and dots (RFC 1123), e.g. web-01.example.com."),
        HostNameFault.HyphenAtLabelEdge => ("label-hyphen", "has a label that starts or ends with a hyphen", "Move or remove the hyphen: labels start and end with a letter or digit (RFC 1123)."),
        HostNameFault.WildcardMisplaced => ("wildcard-misplaced", "has '*' somewhere other than a single leading '*.' label", "Write a wildcard as *.example.com; it covers exactly one label."),
        HostNameFault.WildcardTooBroad => ("wildcard-too-broad", "is a wildcard directly under a top-level domain", "Put the wildcard under your own domain, e.g. *.example.com."),
        HostNameFault.InternationalNameInvalid => ("idn-invalid", "is not a valid internationalized domain name", "Check the spelling, or enter the name's xn-- (punycode) form."),
        HostNameFault.IpAddressInvalid => ("ip-address-invalid", "looks like an IP address but is not a valid one", "Enter an IPv4 address as four numbers 0-255 without leading zeros, e.g. 192.168.1.10, or a valid IPv6 address."),
        _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, null),
    };

    private static string Code(CsrField field, string issue) => $"csr.{Fields[field].Slug}-{issue}";

    private static string Label(CsrField field) => Fields[field].Label;
}
