namespace CertManager.Web.Api.Contracts;

/// <summary>An installed certificate version, as <c>certman versions</c> lists it.</summary>
public sealed record VersionResource(string Version, bool Active, string Subject, DateTimeOffset NotAfter, string Sha256Fingerprint);
