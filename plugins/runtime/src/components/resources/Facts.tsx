import { ReactNode } from 'react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  label: {
    width: '35%',
    fontWeight: theme.typography.fontWeightBold as number,
    verticalAlign: 'top',
  },
}));

/** A two-column table of facts; rows whose value is undefined are left out. */
export function Facts(props: { rows: Array<[string, ReactNode | undefined]> }) {
  const classes = useStyles();
  return (
    <Table size="small">
      <TableBody>
        {props.rows
          .filter(([, value]) => value !== undefined && value !== '')
          .map(([label, value]) => (
            <TableRow key={label}>
              <TableCell component="th" scope="row" className={classes.label}>
                {label}
              </TableCell>
              <TableCell>{value}</TableCell>
            </TableRow>
          ))}
      </TableBody>
    </Table>
  );
}
