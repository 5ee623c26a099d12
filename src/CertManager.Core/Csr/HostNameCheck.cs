namespace CertManager.Core.Csr;

/// <summary>
/// The outcome of checking one DNS name: the <paramref name="Name"/> to encode (lower-case A-labels) or the
/// <paramref name="Fault"/> that stops it; <paramref name="Converted"/> when an internationalized name was
/// turned into its A-label form.
/// </summary>
internal sealed record HostNameCheck(string? Name, HostNameFault? Fault, bool Converted, bool SingleLabel)
{
    public static HostNameCheck Failed(HostNameFault fault) => new(null, fault, Converted: false, SingleLabel: false);
}
