using CertManager.Core.Results;

namespace CertManager.Core.Chain;

/// <summary>The outcome of building and checking a path with the platform validator, explained as problems.</summary>
internal sealed record PathValidation(bool IsValid, IReadOnlyList<ChainElement> Elements, IReadOnlyList<Problem> Problems);
