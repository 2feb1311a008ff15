// @ts-check

/**
 * The approval requests of the Runtime actions (`/api/runtime/approvals`). Times are epoch
 * milliseconds; `expired` is never stored (a pending request past `expires_at` reads as expired).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('runtime_approvals', table => {
    table.comment('Approval requests of the Runtime actions');
    table.uuid('id').primary().notNullable();
    table
      .string('key', 255)
      .notNullable()
      .unique()
      .comment('Idempotency key: the same key returns the existing request');
    table.string('action', 255).notNullable();
    table.string('environment', 63).notNullable();
    table.string('owner', 255).notNullable();
    table.string('service', 255).notNullable();
    table.text('summary').notNullable();
    table.string('requested_by', 255).notNullable();
    table.bigInteger('requested_at').notNullable();
    table.bigInteger('expires_at').notNullable();
    table.string('approvers', 255).notNullable();
    table
      .string('status', 16)
      .notNullable()
      .comment('pending, approved or rejected');
    table.string('decided_by', 255).nullable();
    table.bigInteger('decided_at').nullable();
    table.text('comment').nullable();
    table.string('task_id', 255).nullable();
    table.index(['approvers', 'status'], 'runtime_approvals_approvers_idx');
    table.index(
      ['requested_by', 'status'],
      'runtime_approvals_requested_by_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('runtime_approvals');
};
