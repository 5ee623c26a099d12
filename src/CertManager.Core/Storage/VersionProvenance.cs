namespace CertManager.Core.Storage;

/// <summary>
/// Who installed a stored version, when, and where its certificate came from (the chain doctor's source of the server
/// certificate: an upload, a SCEP or ACME CA). Kept beside the version as <c>installed.json</c>.
/// </summary>
public sealed record VersionProvenance(string InstalledBy, DateTimeOffset InstalledAt, string? Source);
