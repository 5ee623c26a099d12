using CertManager.Core.Results;

namespace CertManager.Acme.Renewal;

/// <summary>
/// What a renewal did: <see cref="Installed"/>, or held in order <see cref="OrderId"/> for an administrator, either
/// because the certificate is set to wait for confirmation or for the chain doctor's <see cref="HeldFor"/>.
/// </summary>
public sealed record AcmeRenewalOutcome(string Message, bool Installed, long OrderId)
{
    public IReadOnlyList<Problem> HeldFor { get; init; } = [];

    public override string ToString() => Message;
}
