using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CertManager.Core.Storage.Migrations
{
    /// <inheritdoc />
    public partial class WebhookChannels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "WebhookChannels",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ProtectedUrl = table.Column<byte[]>(type: "BLOB", nullable: false),
                    ProtectedSecret = table.Column<byte[]>(type: "BLOB", nullable: true),
                    Format = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    MinimumSeverity = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebhookChannels", x => x.Id);
                });

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
                name: "WebhookChannels");
        }
    }
}
