namespace CertManager.Core.Install;

/// <summary>The outcome of an install: the stored version and the presented certificate's fingerprint.</summary>
public sealed record InstalledCertificate(string Version, string Subject, string Sha256Fingerprint);
