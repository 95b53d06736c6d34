ALTER TABLE "payroll_lines" DROP CONSTRAINT "payroll_lines_child_id_children_id_fk";
