using CertManager.Core.Results;

namespace CertManager.Core.Chain;

/// <summary>A problem and the index on the path (0 = server certificate) of the certificate it concerns, if one.</summary>
internal sealed record ChainFinding(Problem Problem, int? Index);
