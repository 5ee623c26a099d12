using CertManager.Core.Export;

namespace CertManager.Web.Api.Contracts;

/// <summary>
/// What to export: <c>Zip</c> (PEM files with the key), <c>Pfx</c> (needs <see cref="PfxPassword"/>) or
/// <c>PublicPem</c> (certificate and chain, no key). The first two need a token with <c>export:key</c>.
/// </summary>
public sealed record ExportBody(ExportFormat Format, PfxProfile PfxProfile = PfxProfile.Modern, string? PfxPassword = null);
