"""Transfers between kindergartens (перевод в другую организацию): the child's bag out once the
withdrawal is signed, and in, verified, as a draft enrolment the clerk confirms."""
