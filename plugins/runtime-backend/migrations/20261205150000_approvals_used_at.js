// @ts-check

/**
 * When an approved request was used (epoch milliseconds): the approval of an actions-registry call
 * is single-use, so a used request no longer holds its key.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('runtime_approvals', table => {
    table
      .bigInteger('used_at')
      .nullable()
      .comment('When the approved request was used; null while unused');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('runtime_approvals', table => {
    table.dropColumn('used_at');
  });
};
