using CertManager.Acme.Protocol;

namespace CertManager.Acme;

/// <summary>
/// A registered account at one CA: the directory read from <see cref="DirectoryUrl"/>, the account key and the
/// account URL that signs every request after newAccount as the JWS <c>kid</c> (RFC 8555 §6.2). Does not own the key.
/// </summary>
public sealed record AcmeSession(Uri DirectoryUrl, AcmeDirectory Directory, AcmeAccountKey Key, Uri AccountUrl);
