namespace CertManager.Core.Fleet;

/// <summary>A pairing code just made: shown once, to paste on the server that will follow.</summary>
public sealed record IssuedPairingCode(string Code, string PublicId, DateTimeOffset Expires, string IdentityFingerprint);
