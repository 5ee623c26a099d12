using System.Security.Cryptography.X509Certificates;

namespace CertManager.Core.Chain;

/// <summary>A candidate path from the server certificate (index 0) upwards; <see cref="Anchored"/> when it ends in a trusted root.</summary>
internal sealed record PathCandidate(IReadOnlyList<X509Certificate2> Certificates, bool Anchored);
