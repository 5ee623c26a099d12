using ARSoft.Tools.Net;
using CertManager.Core.Enrollment;
using CertManager.Core.Results;

namespace CertManager.Acme.Challenges.Dns;

/// <summary>Checks RFC 2136 settings before they are saved, each mistake with what to do.</summary>
public static class DnsUpdateSettingsValidator
{
    public static Result<AcmeDnsUpdateSettings> Validate(DnsUpdateForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var problems = new List<Problem>();
        var server = form.Server?.Trim() ?? string.Empty;
        if (server.Length == 0 || (!System.Net.IPAddress.TryParse(server, out _) && !IsName(server)))
        {
            problems.Add(Problem.Error("acme.dns-update-server-invalid", $"'{form.Server}' is not an IP address or host name of a DNS server.", "Enter the primary server that accepts dynamic updates for the zone, e.g. 192.0.2.53 or ns1.example.com."));
        }

        if (form.Port is < 1 or > 65535)
        {
            problems.Add(Problem.Error("acme.dns-update-port-invalid", $"{form.Port} is not a port number.", "Use 53 unless the server listens elsewhere."));
        }

        var zone = Normalize(form.Zone);
        if (!IsName(zone))
        {
            problems.Add(Problem.Error("acme.dns-update-zone-invalid", $"'{form.Zone}' is not a DNS zone name.", "Enter the zone that holds the names, e.g. example.com (the zone of a delegated _acme-challenge subdomain works too)."));
        }

        var keyName = Normalize(form.KeyName);
        if (!IsName(keyName))
        {
            problems.Add(Problem.Error("acme.dns-update-key-name-invalid", $"'{form.KeyName}' is not a TSIG key name.", "Enter the key's name exactly as in the server's configuration (key \"NAME\" { ... } in BIND)."));
        }

        var algorithm = form.Algorithm?.Trim().ToLowerInvariant() ?? string.Empty;
        if (!TsigAlgorithms.TryGet(algorithm, out _))
        {
            problems.Add(Problem.Error("acme.dns-update-algorithm-invalid", $"'{form.Algorithm}' is not a TSIG algorithm CertManager knows.", $"Use the key's algorithm: one of {string.Join(", ", TsigAlgorithms.Names)} ({TsigAlgorithms.Default} is what tsig-keygen makes)."));
        }

        byte[]? secret = null;
        try
        {
            secret = Convert.FromBase64String(form.Secret?.Trim().Trim('"').TrimEnd(';').Trim('"') ?? string.Empty);
        }
        catch (FormatException)
        {
            secret = null;
        }

        if (secret is not { Length: >= 16 })
        {
            problems.Add(Problem.Error("acme.dns-update-secret-invalid", "The TSIG secret is not a base64 key of at least 128 bits.", "Copy the secret from the key's configuration (secret \"...\"; in BIND, as tsig-keygen prints it)."));
        }

        return problems.Count > 0
            ? Result<AcmeDnsUpdateSettings>.Failure(problems)
            : Result<AcmeDnsUpdateSettings>.Success(new AcmeDnsUpdateSettings(server, form.Port, zone, keyName, algorithm, secret!));
    }

    private static string Normalize(string? name) => name?.Trim().TrimEnd('.').ToLowerInvariant() ?? string.Empty;

    private static bool IsName(string name) =>
        name.Length is > 0 and <= 253 && !name.Contains("..", StringComparison.Ordinal) && DomainName.TryParse(name, out _)
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');
}
