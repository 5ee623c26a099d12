namespace CertManager.Acme.Challenges.Dns;

/// <summary>RFC 2136 settings as typed on the command line or a form; <see cref="DnsUpdateSettingsValidator"/> checks them.</summary>
public sealed record DnsUpdateForm
{
    public string? Server { get; init; }

    public int Port { get; init; } = 53;

    public string? Zone { get; init; }

    public string? KeyName { get; init; }

    public string? Algorithm { get; init; } = TsigAlgorithms.Default;

    /// <summary>The base64 secret as <c>tsig-keygen</c> prints it.</summary>
    public string? Secret { get; init; }
}
