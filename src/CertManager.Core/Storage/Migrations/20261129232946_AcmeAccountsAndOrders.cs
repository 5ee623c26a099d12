using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CertManager.Core.Storage.Migrations
{
    /// <inheritdoc />
    public partial class AcmeAccountsAndOrders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AcmeAccounts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DirectoryUrl = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    AccountUrl = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    EncryptedKey = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Contact = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Created = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AcmeAccounts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AcmeHttpTokens",
                columns: table => new
                {
                    Token = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    KeyAuthorization = table.Column<string>(type: "TEXT", nullable: false),
                    Expires = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AcmeHttpTokens", x => x.Token);
                });

            migrationBuilder.CreateTable(
                name: "AcmeOrders",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DirectoryUrl = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    OrderUrl = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    Names = table.Column<string>(type: "TEXT", nullable: false),
                    KeySize = table.Column<int>(type: "INTEGER", nullable: false),
                    ChallengeWay = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Replaces = table.Column<string>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    LastStep = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", nullable: true),
                    EncryptedCertificateKey = table.Column<byte[]>(type: "BLOB", nullable: true),
                    Created = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Updated = table.Column<long>(type: "INTEGER", nullable: false),
                    CertificateFingerprint = table.Column<string>(type: "TEXT", nullable: true),
                    AutoInstall = table.Column<bool>(type: "INTEGER", nullable: false),
                    NextRenewal = table.Column<long>(type: "INTEGER", nullable: true),
                    RenewalReason = table.Column<string>(type: "TEXT", nullable: true),
                    LastRenewalAttempt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastRenewalOutcome = table.Column<string>(type: "TEXT", nullable: true),
                    RenewalFailures = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AcmeOrders", x => x.Id);
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AcmeAccounts");

            migrationBuilder.DropTable(
                name: "AcmeHttpTokens");

            migrationBuilder.DropTable(
                name: "AcmeOrders");
        }
    }
}
