namespace CertManager.Core.Tests.Chain.Rules;

/// <summary>The rule tests share one <see cref="RuleCertificates"/>: three RSA keys made once for all of them.</summary>
[CollectionDefinition(RuleCertificates.Collection)]
public sealed class RuleCertificatesCollection : ICollectionFixture<RuleCertificates>;
