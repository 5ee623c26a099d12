using CertManager.Scep.Protocol;
using CertManager.Scep.Transport;

namespace CertManager.Scep;

/// <summary>What GetCACaps and GetCACert said: the CA's capabilities, the algorithms chosen from them, and its CA/RA certificates.</summary>
public sealed record ScepCaInfo(ScepEndpoint Endpoint, ScepCapabilities Capabilities, ScepAlgorithms Algorithms, CaCertificateSet Certificates);
