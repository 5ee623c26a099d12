using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CertManager.Core.Storage.Migrations
{
    /// <inheritdoc />
    public partial class ExpiryEventsAndAlerts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "AcknowledgedAt",
                table: "Events",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AcknowledgedBy",
                table: "Events",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CertificateSubject",
                table: "Events",
                type: "TEXT",
                maxLength: 1024,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ConditionKey",
                table: "Events",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ResolvedAt",
                table: "Events",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AlertOutbox",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EventId = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", nullable: false),
                    Body = table.Column<string>(type: "TEXT", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", nullable: true),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FailureRecordedAt = table.Column<long>(type: "INTEGER", nullable: true)
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
                name: "AlertSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Host = table.Column<string>(type: "TEXT", nullable: true),
                    Port = table.Column<int>(type: "INTEGER", nullable: false),
                    Security = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    UserName = table.Column<string>(type: "TEXT", nullable: true),
                    ProtectedPassword = table.Column<byte[]>(type: "BLOB", nullable: true),
                    Sender = table.Column<string>(type: "TEXT", nullable: true),
                    Recipients = table.Column<string>(type: "TEXT", nullable: true),
                    MinimumSeverity = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AlertSettings", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Events_ConditionKey_ResolvedAt",
                table: "Events",
                columns: new[] { "ConditionKey", "ResolvedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Events_Severity",
                table: "Events",
                column: "Severity");

            migrationBuilder.CreateIndex(
                name: "IX_AlertOutbox_EventId",
                table: "AlertOutbox",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_AlertOutbox_SentAt_NextAttemptAt",
                table: "AlertOutbox",
                columns: new[] { "SentAt", "NextAttemptAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AlertOutbox");

            migrationBuilder.DropTable(
                name: "AlertSettings");

            migrationBuilder.DropIndex(
                name: "IX_Events_ConditionKey_ResolvedAt",
                table: "Events");

            migrationBuilder.DropIndex(
                name: "IX_Events_Severity",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "AcknowledgedAt",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "AcknowledgedBy",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "CertificateSubject",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "ConditionKey",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "ResolvedAt",
                table: "Events");
        }
    }
}
