using Microsoft.EntityFrameworkCore;

namespace CertManager.Core.Storage;

/// <summary>
/// The same model as <see cref="CertManagerDbContext"/> on PostgreSQL. A type of its own so that EF Core keeps its
/// migrations (<c>Storage/Migrations/PostgreSql</c>) apart from SQLite's: each migration names the context it belongs to.
/// </summary>
public sealed class PostgreSqlDbContext(DbContextOptions<PostgreSqlDbContext> options) : CertManagerDbContext(options);
