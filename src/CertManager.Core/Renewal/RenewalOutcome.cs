using CertManager.Core.Results;

namespace CertManager.Core.Renewal;

/// <summary>
/// What a renewal did, for every source: <see cref="Installed"/>; held for an administrator in <see cref="Reference"/>
/// (the ACME order or SCEP transaction), either because the certificate is set to wait for confirmation or for the
/// chain doctor's <see cref="HeldFor"/>; or, for a CA that put it on hold, <see cref="Pending"/> at the CA.
/// </summary>
public sealed record RenewalOutcome(string Message, bool Installed, long Reference)
{
    public IReadOnlyList<Problem> HeldFor { get; init; } = [];

    /// <summary>The CA put the renewal on hold for its administrator (SCEP PENDING); it is polled until issued or refused.</summary>
    public bool Pending { get; init; }

    public override string ToString() => Message;
}
