using CertManager.Core.Chain;

namespace CertManager.Cli.Json;

/// <summary>One certificate on the built chain, server first, in <c>certman inspect/verify --json</c>.</summary>
/// <param name="Role"><c>server</c>, <c>intermediate</c> or <c>root</c>.</param>
/// <param name="Sent">Whether the console would send it in the TLS handshake (roots are not sent).</param>
/// <param name="Status"><c>OK</c>, or in plain words the worst problem (error or warning) concerning this certificate.</param>
/// <param name="Certificate">The certificate; its <c>source</c> is <c>uploaded</c> (from the files) or <c>trust store</c>.</param>
/// <param name="CameFrom">Where it came from in plain words, e.g. <c>your upload (chain.pem, block 2)</c> or <c>the trust store</c>.</param>
/// <param name="Worst">The severity of the worst problem concerning this certificate; absent when none does.</param>
internal sealed record ChainLinkJson(string Role, bool Sent, string Status, CertificateJson Certificate, string CameFrom, string? Worst)
{
    public static ChainLinkJson From(ChainLink link) => new(
        link.Role switch
        {
            ChainLinkRole.Server => "server",
            ChainLinkRole.Intermediate => "intermediate",
            _ => "root",
        },
        link.Sent,
        link.Status,
        CertificateJson.From(link.Certificate),
        link.CameFrom,
        link.WorstSeverity is { } worst ? ProblemWriter.SeverityName(worst) : null);
}
