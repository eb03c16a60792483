import { describe, expect, it } from 'vitest'
import { matrixGrid } from './insight-matrix'

describe('the confusion-matrix layout', () => {
  it('puts agreement on the diagonal, values only reviewers gave after, and missed checks in the last row', () => {
    const grid = matrixGrid([
      { robot: 'B级', reviewer: 'B级', calls: 4 },
      { robot: 'A级', reviewer: 'A级', calls: 2 },
      { robot: 'A级', reviewer: 'C级', calls: 1 },
      { robot: null, reviewer: 'B级', calls: 1 },
    ])
    expect(grid.robots).toEqual(['A级', 'B级', null])
    expect(grid.reviewers).toEqual(['A级', 'B级', 'C级'])
    expect(grid.points).toEqual([
      [1, 1, 4],
      [0, 0, 2],
      [2, 0, 1],
      [1, 2, 1],
    ])
    expect(grid.cells[3]).toEqual({ robot: null, reviewer: 'B级', calls: 1 })
  })

  it('has no row for missed checks when there are none', () => {
    expect(matrixGrid([{ robot: '是', reviewer: '否', calls: 1 }]).robots).toEqual(['是'])
  })
})
