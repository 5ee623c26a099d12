using System.Security.Cryptography.X509Certificates;

namespace CertManager.Core.Chain;

/// <summary>One certificate on a built path, from the server certificate (index 0) up to the root, with the platform's verdict on it.</summary>
internal sealed record ChainElement(X509Certificate2 Certificate, X509ChainStatusFlags Status, string StatusText);
