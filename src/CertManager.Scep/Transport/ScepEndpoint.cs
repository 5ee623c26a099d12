using System.Net;

namespace CertManager.Scep.Transport;

/// <summary>
/// Where the SCEP service answers: the CA address (host name or IP address, optional port, http or https) and the
/// URI path. Windows NDES serves <see cref="NdesPath"/>; micromdm's scepserver serves <c>/scep</c>.
/// </summary>
public sealed record ScepEndpoint(Uri Url)
{
    public const string NdesPath = "/certsrv/mscep/mscep.dll";

    /// <summary>Builds the endpoint from the form's two fields; null with a reason when they do not make an http(s) address.</summary>
    public static ScepEndpoint? TryCreate(string? caAddress, string? uriPath, out string? reason)
    {
        reason = null;
        var address = caAddress?.Trim() ?? string.Empty;
        if (address.Length == 0)
        {
            reason = "Enter the CA address: its host name or IP address, e.g. ndes.example.com or https://10.0.0.5:8443.";
            return null;
        }

        var withScheme = address.Contains("://", StringComparison.Ordinal) ? address : "http://" + address;
        if (!Uri.TryCreate(withScheme, UriKind.Absolute, out var parsed)
            || parsed.Scheme is not ("http" or "https")
            || parsed.AbsolutePath is not ("/" or "")
            || !string.IsNullOrEmpty(parsed.Query)
            || !string.IsNullOrEmpty(parsed.UserInfo)
            || parsed.HostNameType is not (UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6))
        {
            reason = $"'{address}' is not a CA address. Enter a host name or IP address with an optional port and scheme, e.g. ndes.example.com, 10.0.0.5:8080 or https://ca.example.com; put the path in URI Path.";
            return null;
        }

        var path = string.IsNullOrWhiteSpace(uriPath) ? NdesPath : uriPath.Trim();
        if (!path.StartsWith('/'))
        {
            path = "/" + path;
        }

        if (path.Contains('?', StringComparison.Ordinal) || path.Contains('#', StringComparison.Ordinal) || path.Any(char.IsWhiteSpace))
        {
            reason = $"URI Path '{path}' may not contain spaces, '?' or '#': the operation is added by CertManager.";
            return null;
        }

        return new ScepEndpoint(new UriBuilder(parsed.Scheme, parsed.Host, parsed.Port, path).Uri);
    }

    /// <summary>Parses a full URL such as <c>http://127.0.0.1:8080/scep</c> (the CLI's <c>--url</c>).</summary>
    public static ScepEndpoint? TryParse(string? url, out string? reason)
    {
        reason = null;
        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https"))
        {
            reason = $"'{url}' is not an http or https URL, e.g. http://ca.example.com/certsrv/mscep/mscep.dll.";
            return null;
        }

        return TryCreate($"{parsed.Scheme}://{parsed.Authority}", parsed.AbsolutePath, out reason);
    }

    /// <summary>The URL of one operation (RFC 8894 §4.1: <c>?operation=OPERATION&amp;message=MESSAGE</c>).</summary>
    internal Uri Operation(string operation, string? message = null) =>
        new($"{Url.GetLeftPart(UriPartial.Path)}?operation={operation}{(message is null ? string.Empty : "&message=" + WebUtility.UrlEncode(message))}");

    public override string ToString() => Url.ToString();
}
