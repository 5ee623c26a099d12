using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CertManager.Core.Storage.Migrations
{
    /// <inheritdoc />
    public partial class ScepSources : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ScepSources",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EndpointUrl = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    CaCertificates = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Names = table.Column<string>(type: "TEXT", nullable: false),
                    KeySize = table.Column<int>(type: "INTEGER", nullable: false),
                    CertificateFingerprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Created = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    NextRenewal = table.Column<long>(type: "INTEGER", nullable: true),
                    RenewalReason = table.Column<string>(type: "TEXT", nullable: true),
                    LastRenewalAttempt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastRenewalOutcome = table.Column<string>(type: "TEXT", nullable: true),
                    RenewalFailures = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScepSources", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ScepSources_CertificateFingerprint",
                table: "ScepSources",
                column: "CertificateFingerprint");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ScepSources");
        }
    }
}
