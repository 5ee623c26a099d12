using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CertManager.Core.Storage.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AcmeAccounts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DirectoryUrl = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    AccountUrl = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    EncryptedKey = table.Column<byte[]>(type: "bytea", nullable: false),
                    Contact = table.Column<string>(type: "text", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Created = table.Column<long>(type: "bigint", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AcmeAccounts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AcmeDnsUpdates",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Server = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    Port = table.Column<int>(type: "integer", nullable: false),
                    Zone = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    KeyName = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    Algorithm = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    EncryptedSecret = table.Column<byte[]>(type: "bytea", nullable: false),
                    Updated = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AcmeDnsUpdates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AcmeHttpTokens",
                columns: table => new
                {
                    Token = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    KeyAuthorization = table.Column<string>(type: "text", nullable: false),
                    Expires = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AcmeHttpTokens", x => x.Token);
                });

            migrationBuilder.CreateTable(
                name: "AcmeOrders",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DirectoryUrl = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    OrderUrl = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    Names = table.Column<string>(type: "text", nullable: false),
                    KeySize = table.Column<int>(type: "integer", nullable: false),
                    ChallengeWay = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Replaces = table.Column<string>(type: "text", nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    LastStep = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Outcome = table.Column<string>(type: "text", nullable: true),
                    EncryptedCertificateKey = table.Column<byte[]>(type: "bytea", nullable: true),
                    Created = table.Column<long>(type: "bigint", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Updated = table.Column<long>(type: "bigint", nullable: false),
                    CertificateFingerprint = table.Column<string>(type: "text", nullable: true),
                    AutoInstall = table.Column<bool>(type: "boolean", nullable: false),
                    NextRenewal = table.Column<long>(type: "bigint", nullable: true),
                    RenewalReason = table.Column<string>(type: "text", nullable: true),
                    LastRenewalAttempt = table.Column<long>(type: "bigint", nullable: true),
                    LastRenewalOutcome = table.Column<string>(type: "text", nullable: true),
                    RenewalFailures = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AcmeOrders", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ActiveCertificate",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Changed = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActiveCertificate", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AlertSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Host = table.Column<string>(type: "text", nullable: true),
                    Port = table.Column<int>(type: "integer", nullable: false),
                    Security = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    UserName = table.Column<string>(type: "text", nullable: true),
                    ProtectedPassword = table.Column<byte[]>(type: "bytea", nullable: true),
                    Sender = table.Column<string>(type: "text", nullable: true),
                    Recipients = table.Column<string>(type: "text", nullable: true),
                    MinimumSeverity = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    UpdatedAt = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AlertSettings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CertificateVersions",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    CertificatePem = table.Column<string>(type: "text", nullable: false),
                    ChainPem = table.Column<string>(type: "text", nullable: false),
                    EncryptedKey = table.Column<byte[]>(type: "bytea", nullable: false),
                    Provenance = table.Column<string>(type: "text", nullable: true),
                    Created = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CertificateVersions", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FriendlyName = table.Column<string>(type: "text", nullable: true),
                    Xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Time = table.Column<long>(type: "bigint", nullable: false),
                    Severity = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Source = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Message = table.Column<string>(type: "text", nullable: false),
                    CertificateFingerprint = table.Column<string>(type: "character varying(95)", maxLength: 95, nullable: true),
                    CertificateSubject = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    Actor = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ConditionKey = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    ResolvedAt = table.Column<long>(type: "bigint", nullable: true),
                    AcknowledgedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    AcknowledgedAt = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Events", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FleetFollowers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SigningKey = table.Column<byte[]>(type: "bytea", nullable: false),
                    EncryptionKey = table.Column<byte[]>(type: "bytea", nullable: false),
                    Paired = table.Column<long>(type: "bigint", nullable: false),
                    PairedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    InstallWithWarnings = table.Column<bool>(type: "boolean", nullable: false),
                    Removed = table.Column<long>(type: "bigint", nullable: true),
                    RemovedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    LastContact = table.Column<long>(type: "bigint", nullable: true),
                    LastAddress = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    DeliveredFingerprint = table.Column<string>(type: "character varying(95)", maxLength: 95, nullable: true),
                    Delivered = table.Column<long>(type: "bigint", nullable: true),
                    InstalledFingerprint = table.Column<string>(type: "character varying(95)", maxLength: 95, nullable: true),
                    PresentedFingerprint = table.Column<string>(type: "character varying(95)", maxLength: 95, nullable: true),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Problems = table.Column<string>(type: "text", nullable: true),
                    Reported = table.Column<long>(type: "bigint", nullable: true),
                    LastTake = table.Column<TimeSpan>(type: "interval", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FleetFollowers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FleetFollowing",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    EdgeUrl = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    EdgeIdentityKey = table.Column<byte[]>(type: "bytea", nullable: false),
                    FollowerId = table.Column<long>(type: "bigint", nullable: false),
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    EncryptedSigningKey = table.Column<byte[]>(type: "bytea", nullable: false),
                    EncryptedEncryptionKey = table.Column<byte[]>(type: "bytea", nullable: false),
                    Paired = table.Column<long>(type: "bigint", nullable: false),
                    PairedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    LastContact = table.Column<long>(type: "bigint", nullable: true),
                    LastOutcome = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    InstalledFingerprint = table.Column<string>(type: "character varying(95)", maxLength: 95, nullable: true),
                    SeenFingerprint = table.Column<string>(type: "character varying(95)", maxLength: 95, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FleetFollowing", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FleetIdentity",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    EncryptedKey = table.Column<byte[]>(type: "bytea", nullable: false),
                    PublicKey = table.Column<byte[]>(type: "bytea", nullable: false),
                    Created = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FleetIdentity", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FleetNonces",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FollowerId = table.Column<long>(type: "bigint", nullable: false),
                    Nonce = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Expires = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FleetNonces", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FleetPairingCodes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PublicId = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    EncryptedSecret = table.Column<byte[]>(type: "bytea", nullable: false),
                    Created = table.Column<long>(type: "bigint", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Expires = table.Column<long>(type: "bigint", nullable: false),
                    UsedAt = table.Column<long>(type: "bigint", nullable: true),
                    FollowerId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FleetPairingCodes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PendingRequests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Created = table.Column<long>(type: "bigint", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Subject = table.Column<string>(type: "text", nullable: false),
                    AlternateNames = table.Column<string>(type: "text", nullable: false),
                    KeySize = table.Column<int>(type: "integer", nullable: false),
                    Hash = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CsrPem = table.Column<string>(type: "text", nullable: false),
                    EncryptedPrivateKey = table.Column<byte[]>(type: "bytea", nullable: false),
                    PublicKeySha256 = table.Column<string>(type: "character varying(95)", maxLength: 95, nullable: false),
                    FormJson = table.Column<string>(type: "text", nullable: false),
                    Discarded = table.Column<long>(type: "bigint", nullable: true),
                    Used = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PendingRequests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ScepSources",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EndpointUrl = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    CaCertificates = table.Column<byte[]>(type: "bytea", nullable: false),
                    Names = table.Column<string>(type: "text", nullable: false),
                    KeySize = table.Column<int>(type: "integer", nullable: false),
                    CertificateFingerprint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Created = table.Column<long>(type: "bigint", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    NextRenewal = table.Column<long>(type: "bigint", nullable: true),
                    RenewalReason = table.Column<string>(type: "text", nullable: true),
                    LastRenewalAttempt = table.Column<long>(type: "bigint", nullable: true),
                    LastRenewalOutcome = table.Column<string>(type: "text", nullable: true),
                    RenewalFailures = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScepSources", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ScepTransactions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EndpointUrl = table.Column<string>(type: "text", nullable: false),
                    Capabilities = table.Column<string>(type: "text", nullable: false),
                    CaCertificates = table.Column<byte[]>(type: "bytea", nullable: false),
                    CaName = table.Column<string>(type: "text", nullable: false),
                    TransactionId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    SignerCertificate = table.Column<byte[]>(type: "bytea", nullable: false),
                    EncryptedPrivateKey = table.Column<byte[]>(type: "bytea", nullable: false),
                    Csr = table.Column<byte[]>(type: "bytea", nullable: false),
                    Subject = table.Column<string>(type: "text", nullable: false),
                    LastSenderNonce = table.Column<byte[]>(type: "bytea", nullable: false),
                    Created = table.Column<long>(type: "bigint", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    LastPolled = table.Column<long>(type: "bigint", nullable: true),
                    NextPoll = table.Column<long>(type: "bigint", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Outcome = table.Column<string>(type: "text", nullable: true),
                    IssuedCertificates = table.Column<byte[]>(type: "bytea", nullable: true),
                    Finished = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScepTransactions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TrustedRoots",
                columns: table => new
                {
                    Fingerprint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CertificatePem = table.Column<string>(type: "text", nullable: false),
                    Added = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrustedRoots", x => x.Fingerprint);
                });

            migrationBuilder.CreateTable(
                name: "Users",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    NormalizedUserName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PasswordHash = table.Column<string>(type: "text", nullable: false),
                    Role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    IsDisabled = table.Column<bool>(type: "boolean", nullable: false),
                    MustChangePassword = table.Column<bool>(type: "boolean", nullable: false),
                    FailedSignInCount = table.Column<int>(type: "integer", nullable: false),
                    LockoutEnd = table.Column<long>(type: "bigint", nullable: true),
                    SecurityStamp = table.Column<string>(type: "text", nullable: false),
                    Created = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Users", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WebhookChannels",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ProtectedUrl = table.Column<byte[]>(type: "bytea", nullable: false),
                    ProtectedSecret = table.Column<byte[]>(type: "bytea", nullable: true),
                    Format = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    MinimumSeverity = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebhookChannels", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AlertOutbox",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EventId = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    Channel = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, defaultValue: "email"),
                    Subject = table.Column<string>(type: "text", nullable: false),
                    Body = table.Column<string>(type: "text", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "bigint", nullable: false),
                    LastError = table.Column<string>(type: "text", nullable: true),
                    SentAt = table.Column<long>(type: "bigint", nullable: true),
                    FailureRecordedAt = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AlertOutbox", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AlertOutbox_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ApiTokens",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PublicId = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    SecretSha256 = table.Column<byte[]>(type: "bytea", nullable: false),
                    UserId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Scopes = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Created = table.Column<long>(type: "bigint", nullable: false),
                    Expires = table.Column<long>(type: "bigint", nullable: false),
                    LastUsedAt = table.Column<long>(type: "bigint", nullable: true),
                    LastUsedFrom = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    LastUseRecordedAt = table.Column<long>(type: "bigint", nullable: true),
                    RevokedAt = table.Column<long>(type: "bigint", nullable: true),
                    RevokedBy = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiTokens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApiTokens_Users_UserId",
                        column: x => x.UserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AcmeAccounts_DirectoryUrl",
                table: "AcmeAccounts",
                column: "DirectoryUrl",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AcmeOrders_Status",
                table: "AcmeOrders",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_AlertOutbox_EventId",
                table: "AlertOutbox",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_AlertOutbox_SentAt_NextAttemptAt",
                table: "AlertOutbox",
                columns: new[] { "SentAt", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ApiTokens_PublicId",
                table: "ApiTokens",
                column: "PublicId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApiTokens_UserId",
                table: "ApiTokens",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_Events_ConditionKey_ResolvedAt",
                table: "Events",
                columns: new[] { "ConditionKey", "ResolvedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Events_Severity_ResolvedAt_AcknowledgedAt",
                table: "Events",
                columns: new[] { "Severity", "ResolvedAt", "AcknowledgedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Events_Source",
                table: "Events",
                column: "Source");

            migrationBuilder.CreateIndex(
                name: "IX_Events_Time",
                table: "Events",
                column: "Time");

            migrationBuilder.CreateIndex(
                name: "IX_FleetFollowers_Removed",
                table: "FleetFollowers",
                column: "Removed");

            migrationBuilder.CreateIndex(
                name: "IX_FleetNonces_Expires",
                table: "FleetNonces",
                column: "Expires");

            migrationBuilder.CreateIndex(
                name: "IX_FleetNonces_FollowerId_Nonce",
                table: "FleetNonces",
                columns: new[] { "FollowerId", "Nonce" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FleetPairingCodes_PublicId",
                table: "FleetPairingCodes",
                column: "PublicId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PendingRequests_PublicKeySha256",
                table: "PendingRequests",
                column: "PublicKeySha256");

            migrationBuilder.CreateIndex(
                name: "IX_ScepSources_CertificateFingerprint",
                table: "ScepSources",
                column: "CertificateFingerprint");

            migrationBuilder.CreateIndex(
                name: "IX_ScepTransactions_Status_NextPoll",
                table: "ScepTransactions",
                columns: new[] { "Status", "NextPoll" });

            migrationBuilder.CreateIndex(
                name: "IX_Users_NormalizedUserName",
                table: "Users",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WebhookChannels_Name",
                table: "WebhookChannels",
                column: "Name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AcmeAccounts");

            migrationBuilder.DropTable(
                name: "AcmeDnsUpdates");

            migrationBuilder.DropTable(
                name: "AcmeHttpTokens");

            migrationBuilder.DropTable(
                name: "AcmeOrders");

            migrationBuilder.DropTable(
                name: "ActiveCertificate");

            migrationBuilder.DropTable(
                name: "AlertOutbox");

            migrationBuilder.DropTable(
                name: "AlertSettings");

            migrationBuilder.DropTable(
                name: "ApiTokens");

            migrationBuilder.DropTable(
                name: "CertificateVersions");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "FleetFollowers");

            migrationBuilder.DropTable(
                name: "FleetFollowing");

            migrationBuilder.DropTable(
                name: "FleetIdentity");

            migrationBuilder.DropTable(
                name: "FleetNonces");

            migrationBuilder.DropTable(
                name: "FleetPairingCodes");

            migrationBuilder.DropTable(
                name: "PendingRequests");

            migrationBuilder.DropTable(
                name: "ScepSources");

            migrationBuilder.DropTable(
                name: "ScepTransactions");

            migrationBuilder.DropTable(
                name: "TrustedRoots");

            migrationBuilder.DropTable(
                name: "WebhookChannels");

            migrationBuilder.DropTable(
                name: "Events");

            migrationBuilder.DropTable(
                name: "Users");
        }
    }
}
