using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CertManager.Core.Storage.Migrations
{
    /// <inheritdoc />
    public partial class FleetPairingAndFollowers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FleetFollowers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SigningKey = table.Column<byte[]>(type: "BLOB", nullable: false),
                    EncryptionKey = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Paired = table.Column<long>(type: "INTEGER", nullable: false),
                    PairedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    InstallWithWarnings = table.Column<bool>(type: "INTEGER", nullable: false),
                    Removed = table.Column<long>(type: "INTEGER", nullable: true),
                    RemovedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    LastContact = table.Column<long>(type: "INTEGER", nullable: true),
                    LastAddress = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    DeliveredFingerprint = table.Column<string>(type: "TEXT", maxLength: 95, nullable: true),
                    Delivered = table.Column<long>(type: "INTEGER", nullable: true),
                    InstalledFingerprint = table.Column<string>(type: "TEXT", maxLength: 95, nullable: true),
                    PresentedFingerprint = table.Column<string>(type: "TEXT", maxLength: 95, nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Problems = table.Column<string>(type: "TEXT", nullable: true),
                    Reported = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FleetFollowers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FleetFollowing",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    EdgeUrl = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    EdgeIdentityKey = table.Column<byte[]>(type: "BLOB", nullable: false),
                    FollowerId = table.Column<long>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    EncryptedSigningKey = table.Column<byte[]>(type: "BLOB", nullable: false),
                    EncryptedEncryptionKey = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Paired = table.Column<long>(type: "INTEGER", nullable: false),
                    PairedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    LastContact = table.Column<long>(type: "INTEGER", nullable: true),
                    LastOutcome = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    InstalledFingerprint = table.Column<string>(type: "TEXT", maxLength: 95, nullable: true),
                    SeenFingerprint = table.Column<string>(type: "TEXT", maxLength: 95, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FleetFollowing", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FleetIdentity",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    EncryptedKey = table.Column<byte[]>(type: "BLOB", nullable: false),
                    PublicKey = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Created = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FleetIdentity", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FleetNonces",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FollowerId = table.Column<long>(type: "INTEGER", nullable: false),
                    Nonce = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Expires = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FleetNonces", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FleetPairingCodes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PublicId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    EncryptedSecret = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Created = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Expires = table.Column<long>(type: "INTEGER", nullable: false),
                    UsedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FollowerId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FleetPairingCodes", x => x.Id);
                });

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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
        }
    }
}
