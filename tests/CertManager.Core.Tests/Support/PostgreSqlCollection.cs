using CertManager.Testing;

namespace CertManager.Core.Tests.Support;

/// <summary>One PostgreSQL server for every test class of this project that runs against it; each class takes its own database.</summary>
[CollectionDefinition(Name)]
public sealed class PostgreSqlCollection : ICollectionFixture<PostgreSqlServer>
{
    public const string Name = "PostgreSQL";
}
