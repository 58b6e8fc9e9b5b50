package io.tiexin.department.internal;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface DepartmentRepository extends JpaRepository<DepartmentEntity, String> {

	@Query("select distinct d from DepartmentEntity d order by d.sortOrder, d.code")
	List<DepartmentEntity> findAllInOrder();

	@Query("select d from DepartmentEntity d join d.staffIds s where s = :personId order by d.code")
	List<DepartmentEntity> findByStaffMember(long personId);

}
